"""Selectors over a queue's live state, and the wait to announce from it.

The state of a queue (all counted in the database, three queries):

- **waiting**: its visits still waiting, entered in the last ``WAITING_HORIZON``
  (4 hours: a visit whose end never arrived stops counting);
- **agents**: ``CallQueue.agents_logged_in``, as the last ``agents`` event set it;
- **running average** of hold times, Asterisk's ``(3·old + new) / 4``
  (:func:`~pacte.telephony.waiting.holdtime_update`), started at 0 and fed, in answer
  order, the waits of the queue's last ``AVERAGE_WINDOW`` answered visits (by entry)
  of the last ``AVERAGE_HORIZON`` (24 hours): older calls weigh less than (3/4)^100
  in it, and the bound lets the database walk the (queue, entered_at) index backwards
  and stop. Its count is the number of visits fed and its age the time since the last
  answer;
- **arrivals** per hour and **handle time** (average talk time) over the last
  ``RECENT`` 30 minutes: visits entered in that window, and answered visits that ended
  in it. Without any, the handle time is ``DEFAULT_HANDLE_SECONDS``.

:func:`~pacte.telephony.waiting.wait_estimate` then picks the running average (warm
and fresh), else Erlang C's k·AHT/N for the caller's position, else unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Avg, Count, Q, QuerySet

from pacte.core import clock
from pacte.telephony.models import Call, CallQueue, QueueVisit, VisitOutcome
from pacte.telephony.waiting import (
    QueueState,
    RunningAverage,
    WaitEstimate,
    holdtime_update,
    wait_estimate,
)

WAITING_HORIZON = timedelta(hours=4)
RECENT = timedelta(minutes=30)
AVERAGE_WINDOW = 100
AVERAGE_HORIZON = timedelta(hours=24)
DEFAULT_HANDLE_SECONDS = 180.0


@dataclass(frozen=True, slots=True)
class LiveQueue:
    """What the estimate is made of, as the endpoint and the wallboard show it."""

    queue: CallQueue
    waiting: int
    agents: int
    arrivals_per_hour: float
    handle_seconds: float
    handle_measured: bool
    running_average: RunningAverage | None


def _waiting(queue_id: int, at: datetime) -> QuerySet[QueueVisit]:
    return QueueVisit.objects.filter(
        queue_id=queue_id, outcome=VisitOutcome.WAITING, entered_at__gte=at - WAITING_HORIZON
    )


def running_average(*, queue: CallQueue, at: datetime) -> RunningAverage | None:
    """Asterisk's running average over the queue's last answered visits; None if none."""
    answered = (
        QueueVisit.objects.filter(
            queue=queue,
            outcome=VisitOutcome.ANSWERED,
            answered_at__lte=at,
            entered_at__gte=at - AVERAGE_HORIZON,
        )
        .order_by("-entered_at")
        .values_list("entered_at", "answered_at", "wait_seconds")[:AVERAGE_WINDOW]
    )
    rows = sorted(
        (
            (answered_at, waited, entered_at)
            for entered_at, answered_at, waited in answered
            if answered_at is not None
        ),
        key=lambda row: row[0],
    )
    if not rows:
        return None
    hold = 0
    for answered_at, waited, entered_at in rows:
        fed = waited if waited is not None else (answered_at - entered_at).total_seconds()
        hold = holdtime_update(hold, max(int(fed), 0))
    age = max((at - rows[-1][0]).total_seconds(), 0.0)
    return RunningAverage(hold_seconds=hold, completed_calls=len(rows), age_seconds=age)


def live_queue(*, queue: CallQueue, at: datetime | None = None) -> LiveQueue:
    """The queue's live state at ``at`` (now by default); see the module docstring."""
    at = at or clock.now()
    recent = at - RECENT
    figures = QueueVisit.objects.filter(
        queue=queue, entered_at__gte=at - WAITING_HORIZON, entered_at__lte=at
    ).aggregate(
        waiting=Count("id", filter=Q(outcome=VisitOutcome.WAITING)),
        arrivals=Count("id", filter=Q(entered_at__gte=recent)),
        handle=Avg(
            "talk_seconds",
            filter=Q(ended_at__gte=recent, ended_at__lte=at, talk_seconds__isnull=False),
        ),
    )
    handle = figures["handle"]
    return LiveQueue(
        queue=queue,
        waiting=figures["waiting"],
        agents=queue.agents_logged_in,
        arrivals_per_hour=figures["arrivals"] * 3600 / RECENT.total_seconds(),
        handle_seconds=float(handle) if handle is not None else DEFAULT_HANDLE_SECONDS,
        handle_measured=handle is not None,
        running_average=running_average(queue=queue, at=at),
    )


def waiting_visit(*, queue: CallQueue, callid: str) -> QueueVisit | None:
    """The visit of call ``callid`` still waiting in ``queue``, if any."""
    return (
        QueueVisit.objects.filter(queue=queue, call__callid=callid, outcome=VisitOutcome.WAITING)
        .select_related("call")
        .order_by("-entered_at")
        .first()
    )


def visit_position(*, visit: QueueVisit) -> int:
    """1 + the callers still waiting in the visit's queue who entered before it."""
    ahead = (
        _waiting(visit.queue_id, visit.entered_at)
        .filter(
            Q(entered_at__lt=visit.entered_at) | Q(entered_at=visit.entered_at, pk__lt=visit.pk)
        )
        .count()
    )
    return ahead + 1


def estimate_for(live: LiveQueue, *, position: int, waited_seconds: int = 0) -> WaitEstimate:
    """The wait to announce to the caller in ``position`` who has waited ``waited_seconds``."""
    state = QueueState(
        position=position,
        agents_logged_in=live.agents,
        handle_seconds=live.handle_seconds,
        running_average=live.running_average,
        waited_seconds=waited_seconds,
    )
    return wait_estimate(state)


def queue_wait_estimate(
    *, queue: CallQueue, entered_at: datetime, exclude_call: Call | None = None
) -> WaitEstimate:
    """The estimate for a caller entering ``queue`` at ``entered_at`` behind those waiting."""
    ahead = _waiting(queue.pk, entered_at).filter(entered_at__lte=entered_at)
    if exclude_call is not None:
        ahead = ahead.exclude(call=exclude_call)
    live = live_queue(queue=queue, at=entered_at)
    return estimate_for(live, position=ahead.count() + 1)
