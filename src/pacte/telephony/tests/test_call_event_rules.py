"""ACD/IVR events: replays, late and out-of-order events, bad input, concurrency."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pytest
from django.db import connection

from pacte.factories import CustomerFactory
from pacte.telephony.call_event_input import CallEventCode, CallEventError
from pacte.telephony.call_events import RecordStatus, call_event_record
from pacte.telephony.models import (
    Call,
    CallEvent,
    CallQueue,
    CallSource,
    QueueVisit,
    VisitOutcome,
    WaitAnnouncement,
)
from pacte.telephony.tests.call_event_helpers import at, record, support_queue, visit_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(frozen_now: datetime) -> CallQueue:
    return support_queue()


# --- replays, order, implicit calls ----------------------------------------------------------


def test_a_repeated_event_is_a_no_op(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("wait_announced", 5, seconds=120)
    replay = record("wait_announced", 5, seconds=120)

    assert replay.status == RecordStatus.DUPLICATE
    assert CallEvent.objects.count() == 2
    assert WaitAnnouncement.objects.count() == 1


def test_a_same_time_event_with_other_data_is_not_a_replay(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("wait_announced", 5, seconds=120)
    record("wait_announced", 5, seconds=180)

    assert WaitAnnouncement.objects.count() == 2


def test_an_event_for_an_unknown_call_creates_it(queue: CallQueue) -> None:
    record("price_announced", 7)

    call = Call.objects.get()
    assert call.started_at == datetime.fromisoformat(at(7))
    assert call.customer is None


def test_a_late_entered_moves_the_start_back_and_fills_the_caller(queue: CallQueue) -> None:
    customer = CustomerFactory.create(phone="+33644444444")
    record("price_announced", 7)
    record("entered", 0, caller_number="0644444444")

    call = Call.objects.get()
    assert call.started_at == datetime.fromisoformat(at(0))
    assert call.customer == customer


def test_answered_before_queued_is_reconciled(queue: CallQueue) -> None:
    record("answered", 40, queue="support")
    record("queued", 10, queue="support")

    visit = visit_of()
    assert visit.entered_at == datetime.fromisoformat(at(10))
    assert (visit.outcome, visit.wait_seconds, visit.position) == (VisitOutcome.ANSWERED, 30, 1)


def test_ended_before_answered_still_gives_talk_time(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("ended", 300)
    record("answered", 60)

    visit = visit_of()
    assert (visit.outcome, visit.wait_seconds, visit.talk_seconds) == (
        VisitOutcome.ANSWERED,
        60,
        240,
    )


def test_abandoned_after_answered_is_ignored(queue: CallQueue) -> None:
    record("queued", 0, queue="support")
    record("answered", 60)
    result = record("abandoned", 50)

    assert visit_of().outcome == VisitOutcome.ANSWERED
    assert result.event is not None
    assert "ignored" in result.event.data["pacte"]


# --- input checks ----------------------------------------------------------------------------


BAD_DATA = [
    ("queued", {}, "data.queue"),
    ("ivr_choice", {"choice": 3}, "data.choice"),
    ("ivr_choice", {"choice": "x" * 121}, "data.choice"),
    ("wait_announced", {"seconds": -1}, "data.seconds"),
    ("wait_announced", {"seconds": True}, "data.seconds"),
    ("wait_announced", {"seconds": 10, "position": 0}, "data.position"),
    ("transferred", {"misroute": "yes"}, "data.misroute"),
    ("entered", {"service": "sales"}, "data.service"),
    ("entered", {"caller_number": "+" + "3" * 32}, "data.caller_number"),
    ("agents", {"queue": "support"}, "data.count"),
]


@pytest.mark.parametrize(("kind", "data", "field"), BAD_DATA)
def test_bad_data_is_refused_with_the_field(
    queue: CallQueue, kind: str, data: dict[str, Any], field: str
) -> None:
    with pytest.raises(CallEventError) as refused:
        call_event_record(callid="c1", kind=kind, at=at(0), data=data)

    assert refused.value.field == field
    assert refused.value.code == CallEventCode.INVALID
    assert not Call.objects.exists()


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"callid": "c1", "kind": "nope", "at": at(0)}, "kind"),
        ({"callid": "", "kind": "ended", "at": at(0)}, "callid"),
        ({"callid": 5, "kind": "ended", "at": at(0)}, "callid"),
        ({"callid": "c1", "kind": "ended", "at": "yesterday"}, "at"),
        ({"callid": "c1", "kind": "ended", "at": "2026-03-10T09:00:00"}, "at"),
        ({"callid": "c1", "kind": "ended", "at": "2026-03-10T11:00:00+01:00"}, "at"),
        ({"callid": "c1", "kind": "ended", "at": at(0), "data": [1]}, "data"),
        ({"callid": "c1", "kind": "ended", "at": at(0), "data": {"pacte": 1}}, "data.pacte"),
        ({"callid": "c1", "kind": "ended", "at": at(0), "data": {"x": "y" * 5000}}, "data"),
    ],
)
def test_bad_events_are_refused_with_the_field(
    queue: CallQueue, event: dict[str, Any], field: str
) -> None:
    with pytest.raises(CallEventError) as refused:
        call_event_record(**{"data": None, **event})

    assert refused.value.field == field
    assert refused.value.code == CallEventCode.INVALID
    assert not Call.objects.exists()


def test_a_second_entered_changes_nothing(queue: CallQueue) -> None:
    first = CustomerFactory.create(phone="+33611111111")
    CustomerFactory.create(phone="+33622222222")
    record("entered", 0, caller_number="0611111111")

    second = record("entered", 1, caller_number="0622222222")

    call = Call.objects.get()
    assert (call.customer, call.caller_number) == (first, "+33611111111")
    assert second.event is not None
    assert "ignored" in second.event.data["pacte"]


def test_visits_rebuilt_from_queue_log_are_left_alone(queue: CallQueue) -> None:
    call = Call.objects.create(
        callid="c1", source=CallSource.QUEUE_LOG, started_at=datetime.fromisoformat(at(0))
    )
    imported = QueueVisit.objects.create(
        call=call, queue=queue, source=CallSource.QUEUE_LOG, entered_at=call.started_at
    )

    record("ended", 60)
    record("solved", 50)

    imported.refresh_from_db()
    call.refresh_from_db()
    assert (imported.outcome, imported.ended_at) == (VisitOutcome.WAITING, None)
    assert call.ended_at == datetime.fromisoformat(at(60))
    assert call.outcome == "solved"


# --- concurrency (PostgreSQL: real row locks) -----------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_events_of_a_new_call_make_one_call(frozen_now: datetime) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent inserts are exercised on PostgreSQL")
    support_queue()
    steps = [
        ("queued", 0, {"queue": "support"}),
        ("price_announced", 1, {}),
        ("ivr_choice", 2, {"choice": "1"}),
        ("wait_announced", 3, {"seconds": 30, "queue": "support"}),
    ]
    barrier = threading.Barrier(len(steps))
    errors: list[BaseException] = []

    def send(kind: str, offset: float, data: dict[str, Any]) -> None:
        try:
            barrier.wait(timeout=10)
            record(kind, offset, callid="race", **data)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=step) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    call = Call.objects.get(callid="race")
    assert CallEvent.objects.filter(call=call).count() == len(steps)
    assert call.started_at == datetime.fromisoformat(at(0))
    assert call.price_announced_at is not None
    assert QueueVisit.objects.filter(call=call).count() == 1
