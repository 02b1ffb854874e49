"""Who sees which case."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pacte.cases.models import Case
from pacte.cases.selectors import (
    access_case,
    case_queue,
    case_queue_keys,
    case_timeline,
    case_visible_to,
)
from pacte.core.errors import NotFoundError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import UserFactory, open_case

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(cast, frozen_now):
    front = open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
        distributor=cast.distributor,
    )
    back = open_case(
        received_at=datetime(2026, 3, 9, 8, tzinfo=PARIS),
        team=cast.back,
        customer=cast.other_customer,
        channel=Channel.LETTER,
    )
    return front, back


@pytest.mark.parametrize(
    ("role", "sees_front", "sees_back"),
    [
        ("agent", True, False),
        ("other_agent", False, True),
        ("supervisor", True, True),
        ("quality_manager", True, True),
        ("auditor", True, True),
        ("administrator", True, True),
        ("customer_user", True, False),
        ("other_customer_user", False, True),
        ("distributor_user", True, False),
    ],
)
def test_visibility_by_role(cast, cases, role, sees_front, sees_back):
    front, back = cases
    user = cast.by_role_name(role)
    visible = set(case_visible_to(user=user))
    assert (front in visible, back in visible) == (sees_front, sees_back)
    for case, sees in ((front, sees_front), (back, sees_back)):
        if sees:
            assert access_case(user=user, case_id=case.pk) == case
        else:
            with pytest.raises(NotFoundError):
                access_case(user=user, case_id=case.pk)


def test_inactive_and_roleless_users_see_nothing(cast, cases):
    cast.supervisor.is_active = False
    assert not case_visible_to(user=cast.supervisor).exists()
    stranger = UserFactory.create(username="stranger", role="")
    assert not case_visible_to(user=stranger).exists()


def test_queue_is_sorted_by_deadline_then_receipt(cast, cases):
    front, back = cases
    assert list(case_queue(user=cast.supervisor)) == [front, back]  # 2 bd email before 5 bd letter
    assert list(case_queue(user=cast.supervisor, team=cast.back)) == [back]
    assert list(case_queue(user=cast.agent)) == [front]


def test_timeline_spans_the_customers_cases_across_channels(cast, frozen_now):
    letter = open_case(
        received_at=datetime(2026, 3, 2, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
        channel=Channel.LETTER,
    )
    email = open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
        channel=Channel.EMAIL,
    )
    open_case(received_at=datetime(2026, 3, 5, 9, tzinfo=PARIS), team=cast.front)
    timeline = list(case_timeline(case=email))
    assert [event.case for event in timeline] == [letter, email]


def test_queue_keys_merge_an_agents_teams_in_queue_order(cast, frozen_now):
    # given an agent of two teams, with cases due on different days and one without deadline
    cast.back.members.add(cast.agent)
    start = datetime(2026, 3, 2, 9, tzinfo=PARIS)
    for index in range(7):
        open_case(
            received_at=start + timedelta(hours=5 * index),
            team=cast.front if index % 2 else cast.back,
            channel=(Channel.EMAIL, Channel.LETTER, Channel.PHONE)[index % 3],
            kind=CaseKind.COMPLAINT if index == 2 else CaseKind.REQUEST,  # phone: no clock
        )
    expected = list(case_queue(user=cast.supervisor).values_list("pk", flat=True))
    assert Case.objects.filter(pk__in=expected, due_at__isnull=True).exists()
    # when the agent's queue is read in windows, then it matches the single ordered query
    for offset, limit in ((0, 3), (2, 4), (5, 10), (0, 20)):
        keys = case_queue_keys(user=cast.agent, offset=offset, limit=limit)
        assert keys == expected[offset : offset + limit]
    only_back = case_queue_keys(user=cast.agent, team=cast.back, offset=0, limit=20)
    assert only_back == list(
        case_queue(user=cast.agent, team=cast.back).values_list("pk", flat=True)
    )
