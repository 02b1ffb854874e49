"""The queue_log bench on a small log: every event kind, a real import, a no-op re-import."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.demo.bench.queue_log import bench_queue_log, queue_log_text
from pacte.telephony.models import Call, QueueLogLine, QueueLogRejectedLine, QueueVisit
from pacte.telephony.queue_log import EventKind, ParsedEvent, parse_line

CALL_KINDS = {
    EventKind.ENTERQUEUE,
    EventKind.CONNECT,
    EventKind.COMPLETECALLER,
    EventKind.COMPLETEAGENT,
    EventKind.ABANDON,
    EventKind.EXITWITHTIMEOUT,
    EventKind.EXITEMPTY,
    EventKind.EXITWITHKEY,
    EventKind.BLINDTRANSFER,
    EventKind.ATTENDEDTRANSFER,
    EventKind.RINGNOANSWER,
    EventKind.DID,
    EventKind.INFO,
    EventKind.ADDMEMBER,
    EventKind.AGENTLOGIN,
}


def test_generated_log_is_readable_in_time_order_with_the_call_events() -> None:
    text = queue_log_text(lines=3000, seed=7)

    records = [parse_line(line, line_number=n) for n, line in enumerate(text.splitlines(), 1)]
    events = [record for record in records if isinstance(record, ParsedEvent)]
    assert len(events) == len(records) == 3000
    assert {event.kind for event in events} >= CALL_KINDS
    assert [event.at for event in events] == sorted(event.at for event in events)
    assert queue_log_text(lines=3000, seed=7) == text


@pytest.mark.django_db
def test_bench_imports_derives_and_reimports_nothing(frozen_now: datetime) -> None:
    rows = bench_queue_log(lines=3000, seed=7)

    assert [row.name for row in rows] == [
        "queue_log import",
        "queue_log re-import (no-op)",
        "telephony measures, one day",
    ]
    assert all(row.value > 0 for row in rows)
    assert QueueLogLine.objects.count() == 3000
    assert not QueueLogRejectedLine.objects.exists()
    assert Call.objects.count() > 500
    assert QueueVisit.objects.count() > Call.objects.count()  # misroutes visit two queues
    assert Call.objects.filter(misrouted=True).exists()
    assert f"{Call.objects.count():,} calls" in rows[0].detail
