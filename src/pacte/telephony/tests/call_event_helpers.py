"""Helpers for the ACD/IVR event tests: event times and a short way to record one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pacte.telephony.call_events import Recorded, call_event_record
from pacte.telephony.models import CallQueue, QueueVisit


def support_queue() -> CallQueue:
    """The queue the tests use: "support", two agents logged in."""
    return CallQueue.objects.create(name="support", agents_logged_in=2)


def at(seconds: float) -> str:
    """An event time ``seconds`` after 09:50 Paris (the clock is frozen at 10:00)."""
    base = datetime.fromisoformat("2026-03-10T09:50:00+01:00")
    return (base + timedelta(seconds=seconds)).isoformat()


def record(kind: str, offset: float, callid: str = "c1", **data: Any) -> Recorded:
    """Record a ``kind`` event of call ``callid`` at ``at(offset)`` with ``data``."""
    return call_event_record(callid=callid, kind=kind, at=at(offset), data=data)


def visit_of(callid: str = "c1") -> QueueVisit:
    return QueueVisit.objects.get(call__callid=callid)
