"""The estimated wait an IVR asks for, kept as a WaitAnnouncement when the call is known.

T1.3 compares each announcement with the caller's real wait, so every figure given
for a known call is stored with the method that produced it (``running_average`` or
``erlang_c``). Nothing is stored when the estimate is unknown (the IVR says no
figure) or the callid is not a call Pacte knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from pacte.cases.recompute import months_changed
from pacte.core import clock
from pacte.core.errors import NotFoundError
from pacte.telephony.errors import TelephonyError
from pacte.telephony.live import (
    LiveQueue,
    estimate_for,
    live_queue,
    visit_position,
    waiting_visit,
)
from pacte.telephony.models import Call, CallQueue, WaitAnnouncement
from pacte.telephony.waiting import WaitEstimate


@dataclass(frozen=True, slots=True)
class EstimateGiven:
    """The estimate, the live state it came from, and the announcement stored (if any)."""

    live: LiveQueue
    estimate: WaitEstimate
    announcement: WaitAnnouncement | None


def access_call_queue(*, name: str) -> CallQueue:
    """The configured queue ``name``; NotFoundError if there is none."""
    queue = CallQueue.objects.filter(name=name).first()
    if queue is None:
        raise NotFoundError(TelephonyError.NOT_FOUND, f"No queue “{name}”.")
    return queue


@transaction.atomic
def wait_estimate_give(*, queue: CallQueue, callid: str = "") -> EstimateGiven:
    """The wait to announce now in ``queue``: for the waiting call ``callid``, or a newcomer.

    With the callid of a call waiting in the queue, the position is that caller's and
    what they have waited counts; with any other callid, or none, the figure is for a
    caller joining the queue now. For a known call, a figure given is stored as a
    WaitAnnouncement (method = the estimate's source).
    """
    now = clock.now()
    live = live_queue(queue=queue, at=now)
    visit = waiting_visit(queue=queue, callid=callid) if callid else None
    if visit is not None:
        waited = max(int((now - visit.entered_at).total_seconds()), 0)
        estimate = estimate_for(live, position=visit_position(visit=visit), waited_seconds=waited)
    else:
        estimate = estimate_for(live, position=live.waiting + 1)
    announcement = None
    if callid and estimate.seconds is not None:
        call = visit.call if visit is not None else Call.objects.filter(callid=callid).first()
        if call is not None:
            announcement = WaitAnnouncement.objects.create(
                call=call,
                visit=visit,
                queue=queue,
                at=now,
                announced_seconds=estimate.seconds,
                position=estimate.position,
                method=str(estimate.source),
            )
            months_changed({now})  # T1.3's announcements of this month changed
    return EstimateGiven(live=live, estimate=estimate, announcement=announcement)
