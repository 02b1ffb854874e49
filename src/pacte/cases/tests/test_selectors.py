"""Who sees which case."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pacte.cases.selectors import access_case, case_queue, case_timeline, case_visible_to
from pacte.core.errors import NotFoundError
from pacte.core.vocabulary import Channel
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
