"""The EWT bench fills a realistic queue and measures estimates and events."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.demo.bench.ewt import QUEUE, bench_ewt
from pacte.telephony.models import Call, QueueVisit, VisitOutcome, WaitAnnouncement

pytestmark = pytest.mark.django_db


def test_ewt_bench_measures_requests_and_events(frozen_now: datetime) -> None:
    rows = bench_ewt(requests=5, events=10, waiting=4, answered=30)

    names = [row.name for row in rows]
    assert names == [
        "EWT GET wait-estimate",
        "EWT latency p50",
        "EWT latency p99",
        "ACD events POST",
        "ACD event latency p50",
        "ACD event latency p99",
    ]
    assert all(row.value > 0 for row in rows)
    waiting = QueueVisit.objects.filter(queue__name=QUEUE, call__callid__startswith="bench-ewt-w")
    assert waiting.filter(outcome=VisitOutcome.WAITING).count() == 4
    assert WaitAnnouncement.objects.count() == 6  # warm-up + 5 requests, each stored
    assert Call.objects.filter(callid__startswith="bench-ev-").count() == 3  # 11 events / 5
