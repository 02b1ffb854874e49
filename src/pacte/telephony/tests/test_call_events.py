"""Recording ACD/IVR events: every kind, customer linking, a full call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from pacte.conftest import Cast
from pacte.factories import AccountFactory, CustomerFactory, LineFactory, MotiveFactory, open_case
from pacte.telephony.call_event_input import CallEventCode, CallEventError
from pacte.telephony.call_events import RecordStatus, call_event_record
from pacte.telephony.callers import number_normalise
from pacte.telephony.models import (
    Call,
    CallEvent,
    CallOutcome,
    CallQueue,
    CallSource,
    QueueVisit,
    Service,
    VisitOutcome,
    WaitAnnouncement,
)
from pacte.telephony.tests.call_event_helpers import at, record, support_queue, visit_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(frozen_now: datetime) -> CallQueue:
    return support_queue()


# --- entered and customer linking ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("33612345678", "+33612345678"),
        ("0044 20 7946 0000", "+442079460000"),
        ("222", "222"),
        ("anonymous", ""),
        ("", ""),
    ],
)
def test_caller_numbers_are_normalised(raw: str, expected: str) -> None:
    assert number_normalise(raw) == expected


def test_entered_creates_the_call_and_links_the_customer_by_phone(queue: CallQueue) -> None:
    customer = CustomerFactory.create(phone="06 12 34 56 78")

    result = record("entered", 0, caller_number="+33612345678", dialled_number="3900")

    call = Call.objects.get(callid="c1")
    assert result.status == RecordStatus.RECORDED
    assert call.source == CallSource.API
    assert call.customer == customer
    assert call.caller_number == "+33612345678"
    assert call.started_at == datetime.fromisoformat(at(0))
    assert result.event is not None
    assert result.event.data["pacte"] == {"customer_match": "one"}


def test_entered_links_the_customer_by_a_line_of_their_account(queue: CallQueue) -> None:
    line = LineFactory.create(msisdn="+33699887766")

    record("entered", 0, caller_number="0699887766")

    assert Call.objects.get().customer == line.account.customer


def test_an_unknown_number_links_no_customer(queue: CallQueue) -> None:
    CustomerFactory.create(phone="+33611111111")

    record("entered", 0, caller_number="0622222222")

    assert Call.objects.get().customer is None


def test_a_number_shared_by_two_customers_links_none_and_says_so(queue: CallQueue) -> None:
    CustomerFactory.create(phone="+33633333333")
    other = CustomerFactory.create(phone="")
    LineFactory.create(account=AccountFactory.create(customer=other), msisdn="0633333333")

    result = record("entered", 0, caller_number="06 33 33 33 33")

    assert Call.objects.get().customer is None
    assert result.event is not None
    assert result.event.data["pacte"]["customer_match"] == "several"


def test_service_comes_from_the_dialled_number(queue: CallQueue) -> None:
    record("entered", 0, dialled_number="222")
    record("queued", 5, queue="support")

    assert Call.objects.get().service == Service.DIRECTORY


def test_service_otherwise_comes_from_the_first_queue(frozen_now: datetime) -> None:
    CallQueue.objects.create(name="pos", service=Service.DISTRIBUTOR)

    record("entered", 0, dialled_number="0800100100")
    record("queued", 5, queue="pos")

    assert Call.objects.get().service == Service.DISTRIBUTOR


# --- IVR facts ---------------------------------------------------------------------------


def test_ivr_choice_sets_the_choice_and_the_motive(queue: CallQueue) -> None:
    motive = MotiveFactory.create(code="billing", billing=True)

    record("ivr_choice", 3, choice="2 - billing", motive="billing")

    call = Call.objects.get()
    assert (call.ivr_choice, call.motive) == ("2 - billing", motive)


def test_a_late_earlier_ivr_choice_does_not_overwrite_the_later_one(queue: CallQueue) -> None:
    record("ivr_choice", 10, choice="second menu")
    result = record("ivr_choice", 5, choice="first menu")

    assert Call.objects.get().ivr_choice == "second menu"
    assert result.event is not None
    assert "ignored" in result.event.data["pacte"]


def test_an_unknown_motive_is_refused_and_nothing_is_written(queue: CallQueue) -> None:
    with pytest.raises(CallEventError) as refused:
        record("ivr_choice", 3, choice="9", motive="nope")

    assert refused.value.code == CallEventCode.UNKNOWN_MOTIVE
    assert refused.value.field == "data.motive"
    assert not Call.objects.exists()


def test_price_announced_keeps_the_first_announcement(queue: CallQueue) -> None:
    record("price_announced", 8)
    record("price_announced", 2)

    assert Call.objects.get().price_announced_at == datetime.fromisoformat(at(2))


def test_wait_announced_is_kept_with_the_visit(queue: CallQueue) -> None:
    record("queued", 10, queue="support")
    record("wait_announced", 12, seconds=240, position=3)

    announcement = WaitAnnouncement.objects.get()
    assert announcement.visit == visit_of()
    assert (announcement.announced_seconds, announcement.position) == (240, 3)
    assert (announcement.method, announcement.queue) == ("ivr", queue)


def test_wait_announced_before_queueing_names_the_queue(queue: CallQueue) -> None:
    record("wait_announced", 2, seconds=60, queue="support")
    record("queued", 10, queue="support")

    announcement = WaitAnnouncement.objects.get()
    assert announcement.visit is None
    assert announcement.queue == queue
    assert QueueVisit.objects.count() == 1


def test_wait_announced_without_any_queue_is_refused(queue: CallQueue) -> None:
    with pytest.raises(CallEventError) as refused:
        record("wait_announced", 2, seconds=60)

    assert refused.value.code == CallEventCode.NO_QUEUE


# --- the queue ---------------------------------------------------------------------------


def test_queued_opens_a_visit_with_position_and_predicted_wait(queue: CallQueue) -> None:
    record("queued", 0, callid="first", queue="support")
    record("queued", 30, callid="second", queue="support")

    visit = visit_of("second")
    # No answered call yet: Erlang C, 2nd in line, 180 s default handle time, 2 agents.
    assert (visit.position, visit.predicted_wait_seconds) == (2, 180)
    assert visit.outcome == VisitOutcome.WAITING
    assert visit.source == CallSource.API


def test_an_unknown_queue_is_refused(queue: CallQueue) -> None:
    with pytest.raises(CallEventError) as refused:
        record("queued", 0, queue="sales")

    assert refused.value.code == CallEventCode.UNKNOWN_QUEUE
    assert "sales" in refused.value.message
    assert not Call.objects.exists()


def test_offered_answered_ended_give_wait_and_talk_time(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("offered", 20, agent="PJSIP/201")
    record("offered", 40, agent="PJSIP/202")
    record("answered", 45, agent="PJSIP/202")
    record("ended", 345)

    visit = visit_of()
    assert visit.offered_at == datetime.fromisoformat(at(20))
    assert (visit.outcome, visit.agent) == (VisitOutcome.ANSWERED, "PJSIP/202")
    assert (visit.wait_seconds, visit.talk_seconds) == (45, 300)
    assert Call.objects.get().ended_at == datetime.fromisoformat(at(345))


def test_answered_takes_the_wait_the_acd_measured(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("answered", 45, wait_seconds=44)

    assert visit_of().wait_seconds == 44


def test_abandoned_closes_the_visit(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("abandoned", 75)

    visit = visit_of()
    assert (visit.outcome, visit.wait_seconds) == (VisitOutcome.ABANDONED, 75)


def test_hang_up_while_waiting_leaves_the_visit_lost(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("ended", 50)

    visit = visit_of()
    assert (visit.outcome, visit.wait_seconds) == (VisitOutcome.LOST, 50)


def test_a_misroute_transfer_marks_the_call_and_opens_the_next_visit(queue: CallQueue) -> None:
    CallQueue.objects.create(name="billing")
    record("queued", 0, queue="support")
    record("answered", 10)
    record("transferred", 70, misroute=True, to_queue="billing")

    call = Call.objects.get()
    first, second = call.visits.order_by("entered_at")
    assert call.misrouted
    assert (first.transferred, first.talk_seconds) == (True, 60)
    assert (second.queue.name, second.outcome) == ("billing", VisitOutcome.WAITING)


def test_a_transfer_to_an_unknown_queue_names_the_field(queue: CallQueue) -> None:
    with pytest.raises(CallEventError) as refused:
        record("transferred", 70, to_queue="nowhere")

    assert refused.value.field == "data.to_queue"


def test_answered_without_a_visit_or_queue_is_refused(queue: CallQueue) -> None:
    with pytest.raises(CallEventError) as refused:
        record("answered", 10)

    assert refused.value.code == CallEventCode.NO_QUEUE
    assert not Call.objects.exists()


# --- outcome of the request ----------------------------------------------------------------


def test_solved_during_the_call(queue: CallQueue) -> None:
    record("solved", 100)
    record("ended", 120)

    call = Call.objects.get()
    assert call.outcome == CallOutcome.SOLVED
    assert call.outcome_at == datetime.fromisoformat(at(100))
    assert call.ended_at is not None
    assert call.outcome_at <= call.ended_at


def test_committed_records_the_deadline_and_the_case(cast: Cast, queue: CallQueue) -> None:
    case = open_case(received_at=datetime.fromisoformat(at(0)), team=cast.front)

    record("committed", 100, due_at="2026-03-12T18:00:00+01:00", case=case.pk)

    call = Call.objects.get()
    assert call.outcome == CallOutcome.COMMITTED
    assert call.committed_due_at == datetime.fromisoformat("2026-03-12T18:00:00+01:00")
    assert call.case == case


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"due_at": "2026-03-09T18:00:00+01:00"}, "data.due_at"),
        ({"due_at": "2026-03-12T18:00:00"}, "data.due_at"),
        ({}, "data.due_at"),
        ({"due_at": "2026-03-12T18:00:00+01:00", "case": 999_999}, "data.case"),
        ({"due_at": "2026-03-12T18:00:00+01:00", "case": "x"}, "data.case"),
    ],
)
def test_a_bad_commitment_is_refused(queue: CallQueue, data: dict[str, Any], field: str) -> None:
    with pytest.raises(CallEventError) as refused:
        record("committed", 100, **data)

    assert refused.value.field == field
    assert not Call.objects.exists()


def test_an_outcome_after_hang_up_is_recorded_as_sent(queue: CallQueue) -> None:
    record("ended", 100)
    record("solved", 130)

    call = Call.objects.get()
    assert call.outcome == CallOutcome.SOLVED
    assert call.ended_at is not None
    assert call.outcome_at is not None
    assert call.outcome_at > call.ended_at


def test_the_latest_outcome_wins_whatever_the_arrival_order(queue: CallQueue) -> None:
    record("committed", 100, due_at="2026-03-12T18:00:00+01:00")
    record("solved", 90)

    assert Call.objects.get().outcome == CallOutcome.COMMITTED


# --- agents ----------------------------------------------------------------------------------


def test_agents_sets_the_queue_count_and_ignores_an_older_one(queue: CallQueue) -> None:
    first = call_event_record(
        callid=None, kind="agents", at=at(60), data={"queue": "support", "count": 5}
    )
    older = call_event_record(
        callid="", kind="agents", at=at(30), data={"queue": "support", "count": 1}
    )
    again = call_event_record(
        callid="", kind="agents", at=at(60), data={"queue": "support", "count": 5}
    )

    queue.refresh_from_db()
    assert (first.status, older.status, again.status) == (
        RecordStatus.RECORDED,
        RecordStatus.STALE,
        RecordStatus.DUPLICATE,
    )
    assert queue.agents_logged_in == 5
    assert queue.agents_updated_at == datetime.fromisoformat(at(60))
    assert not CallEvent.objects.exists()


def test_a_full_call(queue: CallQueue) -> None:
    customer = CustomerFactory.create(phone="+33655555555")
    motive = MotiveFactory.create(code="offer-change")
    steps: list[tuple[str, float, dict[str, Any]]] = [
        ("entered", 0, {"caller_number": "06 55 55 55 55", "dialled_number": "3900"}),
        ("price_announced", 2, {}),
        ("ivr_choice", 15, {"choice": "1", "motive": "offer-change"}),
        ("queued", 20, {"queue": "support"}),
        ("wait_announced", 22, {"seconds": 90}),
        ("offered", 80, {"agent": "PJSIP/201"}),
        ("answered", 85, {"agent": "PJSIP/201"}),
        ("solved", 300, {}),
        ("ended", 320, {}),
    ]
    for kind, seconds, data in steps:
        record(kind, seconds, **data)
    for kind, seconds, data in steps:  # the ACD resends everything: nothing changes
        assert record(kind, seconds, **data).status == RecordStatus.DUPLICATE

    call = Call.objects.get()
    visit = visit_of()
    assert (call.customer, call.motive, call.outcome) == (customer, motive, CallOutcome.SOLVED)
    assert call.price_announced_at == datetime.fromisoformat(at(2))
    assert (visit.wait_seconds, visit.talk_seconds, visit.position) == (65, 235, 1)
    assert WaitAnnouncement.objects.get().announced_seconds == 90
    assert CallEvent.objects.filter(call=call).count() == len(steps)
