"""Instants that decide a verdict are the server's: what a person claims is refused,
what an integration claims is bounded and marked late-recorded (docs/trail.md)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import override_settings

from pacte.cases.models import CaseEvent, ClockState, EventKind
from pacte.cases.recompute import clocks_recompute
from pacte.cases.services import case_answer, case_commit_deadline, case_open
from pacte.conftest import paris
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import (
    CustomerFactory,
    MotiveFactory,
    UserFactory,
    grant_past_instants,
    open_case,
)

pytestmark = pytest.mark.django_db

RECEIVED = paris(2026, 3, 2, 9, 0)  # a Monday: T6.3 (5 bd) ends Monday 9 March 23:59
NOW = paris(2026, 3, 10, 10, 0)  # the complaint's clock is breached by then


@pytest.fixture
def breached(cast):
    with time_machine.travel(RECEIVED, tick=False):
        case = open_case(received_at=RECEIVED, team=cast.front, kind=CaseKind.COMPLAINT)
    with time_machine.travel(NOW, tick=False):
        clocks_recompute(now=NOW)  # the scheduled job marks the passed deadline breached
        yield case


@pytest.fixture
def integration(db):
    return grant_past_instants(UserFactory.create(username="acd", role=Role.AGENT))


def states(case) -> set[str]:
    return {clock.state for clock in case.clocks.all()}


def test_staff_answer_with_a_past_at_is_refused_and_the_breach_stays(cast, breached):
    # Given a complaint whose clock is breached
    assert states(breached) == {ClockState.BREACHED}
    # When an agent claims the answer went out five minutes after receipt
    with pytest.raises(ForbiddenError) as refused:
        case_answer(
            case=breached,
            actor=cast.agent,
            channel=Channel.EMAIL,
            body="Answered long ago.",
            at=RECEIVED + timedelta(minutes=5),
        )
    # Then it is refused with a stable code, nothing is written, the breach stays
    assert refused.value.code == "backdating_not_allowed"
    assert not breached.events.filter(kind=EventKind.ANSWERED).exists()
    assert states(breached) == {ClockState.BREACHED}


def test_staff_answer_is_stamped_at_the_servers_clock(cast, breached):
    # When an agent answers now (their own clock 30 s behind: within the tolerance)
    case_answer(
        case=breached,
        actor=cast.agent,
        channel=Channel.EMAIL,
        body="Here is our answer.",
        at=NOW - timedelta(seconds=30),
    )
    # Then the event is at the server's instant, not late, and the clock met late
    answer = breached.events.get(kind=EventKind.ANSWERED)
    assert (answer.at, answer.recorded_at, answer.late_recorded) == (NOW, NOW, False)
    assert states(breached) == {ClockState.MET_LATE}


def test_a_superuser_is_a_person_not_an_integration(cast, breached):
    boss = UserFactory.create(username="boss", role=Role.ADMINISTRATOR, is_superuser=True)
    with pytest.raises(ForbiddenError):
        case_answer(
            case=breached, actor=boss, channel=Channel.EMAIL, body="x", at=NOW - timedelta(hours=1)
        )


def test_integration_answer_in_the_window_is_kept_and_marked_late(breached, integration):
    # When the mail gateway reports an answer sent an hour ago
    sent = NOW - timedelta(hours=1)
    case_answer(case=breached, actor=integration, channel=Channel.EMAIL, body="ok", at=sent)
    # Then the event keeps both instants and says it was late-recorded
    answer = breached.events.get(kind=EventKind.ANSWERED)
    assert (answer.at, answer.recorded_at, answer.late_recorded) == (sent, NOW, True)
    assert states(breached) == {ClockState.MET_LATE}


@pytest.mark.parametrize(
    ("at", "code"),
    [
        (NOW - timedelta(hours=25), "instant_outside_window"),
        (RECEIVED - timedelta(minutes=1), "instant_outside_window"),
        (NOW + timedelta(minutes=10), "instant_in_future"),
        (datetime(1, 1, 1, tzinfo=NOW.tzinfo), "instant_outside_window"),
    ],
)
def test_integration_instants_out_of_bounds_are_refused(breached, integration, at, code):
    with pytest.raises(PacteError) as refused:
        case_answer(case=breached, actor=integration, channel=Channel.EMAIL, body="x", at=at)
    assert refused.value.code == code
    assert not breached.events.filter(kind=EventKind.ANSWERED).exists()
    assert states(breached) == {ClockState.BREACHED}


def test_an_integration_instant_before_receipt_is_refused(cast, integration):
    # Given a case received twenty minutes ago
    with time_machine.travel(NOW, tick=False):
        case = open_case(received_at=NOW - timedelta(minutes=20), team=cast.front)
        # When an integration says it was answered before it was received
        with pytest.raises(PacteError) as refused:
            case_answer(
                case=case,
                actor=integration,
                channel=Channel.EMAIL,
                body="x",
                at=NOW - timedelta(minutes=30),
            )
    assert refused.value.code == "instant_before_receipt"


@override_settings(PACTE_BACKDATE_WINDOW_HOURS=240)
def test_the_window_is_the_installations(breached, integration):
    sent = NOW - timedelta(days=7)
    case_answer(case=breached, actor=integration, channel=Channel.EMAIL, body="ok", at=sent)
    assert breached.events.get(kind=EventKind.ANSWERED).at == sent


def test_a_deadline_told_in_the_past_by_staff_is_refused_and_the_breach_stays(cast, breached):
    # When an agent claims the customer was told a new deadline before the first expired
    with pytest.raises(ForbiddenError) as refused:
        case_commit_deadline(
            case=breached,
            actor=cast.agent,
            new_due_at=paris(2026, 3, 20, 23, 59),
            told_at=datetime(1, 1, 1, tzinfo=NOW.tzinfo),
            told_via=Channel.PHONE,
        )
    # Then nothing is recorded and the clock stays breached
    assert refused.value.code == "backdating_not_allowed"
    assert not breached.events.filter(kind=EventKind.DEADLINE_COMMITTED).exists()
    assert states(breached) == {ClockState.BREACHED}


def test_a_deadline_told_now_after_the_breach_does_not_count(cast, breached):
    case_commit_deadline(
        case=breached,
        actor=cast.agent,
        new_due_at=paris(2026, 3, 20, 23, 59),
        told_via=Channel.PHONE,
    )
    event = breached.events.get(kind=EventKind.DEADLINE_COMMITTED)
    told_at = datetime.fromisoformat(event.data["told_at"])
    assert (event.at, told_at, event.data["counts"]) == (NOW, NOW, False)
    assert states(breached) == {ClockState.BREACHED}


def test_a_receipt_claimed_by_staff_is_refused_and_opens_nothing(cast, frozen_now):
    with pytest.raises(ForbiddenError) as refused:
        case_open(
            customer=CustomerFactory.create(),
            channel=Channel.PHONE,
            kind=CaseKind.REQUEST,
            motive=MotiveFactory.create(),
            subject="Called earlier",
            received_at=frozen_now - timedelta(hours=2),
            team=cast.front,
            actor=cast.agent,
        )
    assert refused.value.code == "backdating_not_allowed"
    assert not CaseEvent.objects.exists()


def test_a_receipt_without_instant_is_now_and_an_integrations_is_late(
    cast, frozen_now, integration
):
    fields = {
        "channel": Channel.EMAIL,
        "kind": CaseKind.REQUEST,
        "subject": "s",
        "team": cast.front,
    }
    now_case = case_open(
        customer=CustomerFactory.create(), motive=MotiveFactory.create(), actor=cast.agent, **fields
    )
    late_case = case_open(
        customer=CustomerFactory.create(),
        motive=MotiveFactory.create(),
        actor=integration,
        received_at=frozen_now - timedelta(hours=3),
        **fields,
    )
    opened = CaseEvent.objects.filter(kind=EventKind.OPENED)
    assert now_case.received_at == frozen_now
    assert not opened.get(case=now_case).late_recorded
    assert late_case.received_at == frozen_now - timedelta(hours=3)
    assert opened.get(case=late_case).late_recorded


@pytest.mark.parametrize(
    "received_at", [datetime(1, 1, 1, tzinfo=NOW.tzinfo), NOW + timedelta(hours=1)]
)
def test_receipts_out_of_bounds_are_refused(cast, frozen_now, integration, received_at):
    with pytest.raises(PacteError):
        case_open(
            customer=CustomerFactory.create(),
            channel=Channel.EMAIL,
            kind=CaseKind.REQUEST,
            motive=MotiveFactory.create(),
            subject="s",
            received_at=received_at,
            team=cast.front,
            actor=integration,
        )
    assert not CaseEvent.objects.exists()
