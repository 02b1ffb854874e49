"""Case services: state, the CaseEvent written, and the clocks derived."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from pacte.cases.models import CaseEvent, CaseStatus, ClockState, EventKind
from pacte.cases.services import (
    case_add_note,
    case_answer,
    case_assign,
    case_close,
    case_commit_deadline,
    case_hand_off,
    case_reopen,
)
from pacte.conftest import paris
from pacte.core.append_only import AppendOnlyError
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory, open_case

pytestmark = pytest.mark.django_db


def end_of_day(year: int, month: int, day: int) -> datetime:
    return paris(year, month, day, 23, 59, 59, 999999)


def clock_codes(case) -> dict[str, ClockState]:
    return {c.commitment.code: c.state for c in case.clocks.select_related("commitment")}


def test_email_request_gets_two_business_days_and_an_opened_event(cast, frozen_now):
    # given an email request received on a Tuesday morning
    case = open_case(received_at=paris(2026, 3, 10, 9, 30), team=cast.front)
    # then T3.1 runs to Thursday end of day, and the receipt is recorded
    assert clock_codes(case) == {"T3.1": ClockState.RUNNING}
    assert case.due_at == end_of_day(2026, 3, 12)
    assert list(case.events.values_list("kind", flat=True)) == [EventKind.OPENED]
    assert case.events.get().at == paris(2026, 3, 10, 9, 30)


def test_letter_received_after_closing_counts_from_next_business_day(cast, frozen_now):
    case = open_case(
        received_at=paris(2026, 3, 6, 18, 0), channel=Channel.LETTER, team=cast.front
    )  # a Friday at closing time: day 0 is Monday 9 March
    assert case.due_at == end_of_day(2026, 3, 16)


def test_written_complaint_runs_t63_not_t31(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 11, 0), kind=CaseKind.COMPLAINT, team=cast.front)
    assert clock_codes(case) == {"T6.3": ClockState.RUNNING}
    assert case.due_at == end_of_day(2026, 3, 16)


def test_bill_request_is_excepted_from_t31(cast, frozen_now):
    bill = MotiveFactory.create(
        code="bill-explanation", label_en="Bill", label_fr="Facture", billing=True
    )
    case = open_case(received_at=paris(2026, 3, 9, 11, 0), motive=bill, team=cast.front)
    assert clock_codes(case) == {}
    assert case.due_at is None


def test_answer_by_the_deadline_meets_the_clock(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body="Done.")
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    assert clock_codes(case) == {"T3.1": ClockState.MET}
    assert case.due_at is None
    answer = case.events.get(kind=EventKind.ANSWERED)
    assert (answer.actor, answer.body, answer.at) == (cast.agent, "Done.", frozen_now)


def test_answer_at_last_microsecond_of_due_day_is_met_and_after_is_late(cast):
    with time_machine.travel(paris(2026, 3, 9, 9, 0), tick=False):
        on_time = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
        late = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    with time_machine.travel(end_of_day(2026, 3, 11), tick=False):
        case_answer(case=on_time, actor=cast.agent, channel=Channel.EMAIL, body="ok")
    with time_machine.travel(paris(2026, 3, 12, 0, 0), tick=False):
        case_answer(case=late, actor=cast.agent, channel=Channel.EMAIL, body="ok")
    assert clock_codes(on_time) == {"T3.1": ClockState.MET}
    assert clock_codes(late) == {"T3.1": ClockState.MET_LATE}


def test_empty_answer_is_refused_and_records_nothing(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    with pytest.raises(PacteError) as refused:
        case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body="  ")
    assert refused.value.code == "empty_answer"
    assert case.events.count() == 1


def test_hand_off_without_a_note_is_refused_and_changes_nothing(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    with pytest.raises(PacteError) as refused:
        case_hand_off(case=case, actor=cast.agent, note="  short ", to_team=cast.back)
    assert refused.value.code == "hand_off_note_required"
    case.refresh_from_db()
    assert case.team == cast.front
    assert not case.events.filter(kind=EventKind.HANDED_OFF).exists()


def test_hand_off_with_a_note_moves_the_case_and_records_the_context(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    case_hand_off(
        case=case,
        actor=cast.agent,
        note="Customer already sent the invoice twice.",
        to_team=cast.back,
        to_assignee=cast.other_agent,
    )
    case.refresh_from_db()
    assert (case.team, case.assignee) == (cast.back, cast.other_agent)
    event = case.events.get(kind=EventKind.HANDED_OFF)
    assert event.body == "Customer already sent the invoice twice."
    assert event.data["from_team"] == "front"
    assert event.data["to_team"] == "back"


def test_hand_off_to_where_the_case_already_is_is_refused(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    with pytest.raises(PacteError) as refused:
        case_hand_off(case=case, actor=cast.agent, note="A long enough note", to_team=cast.front)
    assert refused.value.code == "hand_off_same_target"


def test_hand_off_needs_a_target_and_a_member(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    with pytest.raises(PacteError) as no_target:
        case_hand_off(case=case, actor=cast.agent, note="A long enough note")
    with pytest.raises(PacteError) as not_member:
        case_hand_off(
            case=case,
            actor=cast.agent,
            note="A long enough note",
            to_team=cast.back,
            to_assignee=cast.agent,
        )
    assert no_target.value.code == "hand_off_target_required"
    assert not_member.value.code == "assignee_not_in_team"


def test_assign_opens_the_case_and_refuses_outsiders(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    with pytest.raises(PacteError):
        case_assign(case=case, assignee=cast.other_agent, actor=cast.supervisor)
    case_assign(case=case, assignee=cast.agent, actor=cast.supervisor)
    case.refresh_from_db()
    assert (case.assignee, case.status) == (cast.agent, CaseStatus.OPEN)
    assert case.events.get(kind=EventKind.ASSIGNED).data == {"from": None, "to": cast.agent.pk}


def test_new_deadline_told_in_time_moves_the_deadline_in_force(cast):
    with time_machine.travel(paris(2026, 3, 9, 9, 0), tick=False):
        case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    told = end_of_day(2026, 3, 11) - timedelta(minutes=1)
    with time_machine.travel(told, tick=False):
        case_commit_deadline(
            case=case,
            actor=cast.agent,
            new_due_at=end_of_day(2026, 3, 18),
            told_at=told,
            told_via=Channel.PHONE,
            message="We need the network team.",
        )
    case.refresh_from_db()
    assert case.due_at == end_of_day(2026, 3, 18)
    clock = case.clocks.get()
    assert (clock.due_at, clock.committed_due_at) == (end_of_day(2026, 3, 11), case.due_at)
    assert case.events.get(kind=EventKind.DEADLINE_COMMITTED).data["counts"] is True


def test_new_deadline_told_after_expiry_is_recorded_but_does_not_count(cast):
    with time_machine.travel(paris(2026, 3, 9, 9, 0), tick=False):
        case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    told = end_of_day(2026, 3, 11) + timedelta(minutes=1)
    with time_machine.travel(told, tick=False):
        case_commit_deadline(
            case=case,
            actor=cast.agent,
            new_due_at=end_of_day(2026, 3, 18),
            told_at=told,
            told_via=Channel.EMAIL,
        )
    case.refresh_from_db()
    assert case.due_at == end_of_day(2026, 3, 11)
    assert clock_codes(case) == {"T3.1": ClockState.BREACHED}
    assert case.events.get(kind=EventKind.DEADLINE_COMMITTED).data["counts"] is False


def test_new_deadline_must_be_later_and_not_told_in_the_future(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    with pytest.raises(PacteError) as earlier:
        case_commit_deadline(
            case=case,
            actor=cast.agent,
            new_due_at=paris(2026, 3, 10, 12),
            told_via=Channel.PHONE,
        )
    with pytest.raises(PacteError) as future:
        case_commit_deadline(
            case=case,
            actor=cast.agent,
            new_due_at=end_of_day(2026, 3, 20),
            told_at=frozen_now + timedelta(hours=1),
            told_via=Channel.PHONE,
        )
    with pytest.raises(PacteError) as naive:
        case_commit_deadline(
            case=case,
            actor=cast.agent,
            new_due_at=datetime(2026, 3, 20),  # noqa: DTZ001
            told_via=Channel.PHONE,
        )
    assert [e.value.code for e in (earlier, future, naive)] == [
        "new_deadline_not_later",
        "instant_in_future",
        "naive_datetime",
    ]
    assert not case.events.filter(kind=EventKind.DEADLINE_COMMITTED).exists()


def test_close_then_reopen_with_reason(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    case_close(case=case, actor=cast.agent, reason="Duplicate")
    with pytest.raises(PacteError) as closed:
        case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body="late")
    assert closed.value.code == "case_closed"
    case_reopen(case=case, actor=cast.supervisor, reason="Not a duplicate after all")
    with pytest.raises(PacteError) as not_closed:
        case_reopen(case=case, actor=cast.supervisor, reason="again")
    assert not_closed.value.code == "case_not_closed"
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [EventKind.OPENED, EventKind.CLOSED, EventKind.REOPENED]


def test_events_are_append_only(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 9, 9, 0), team=cast.front)
    note = case_add_note(case=case, actor=cast.agent, body="Called back, no answer.")
    note.body = "rewritten"
    with pytest.raises(AppendOnlyError):
        note.save()
    with pytest.raises(AppendOnlyError):
        note.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(pk=note.pk).update(body="x")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(pk=note.pk).delete()
    assert CaseEvent.objects.get(pk=note.pk).body == "Called back, no answer."
