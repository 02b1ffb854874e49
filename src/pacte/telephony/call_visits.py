"""Queue visits kept up to date by the ACD/IVR events (queued … ended).

Called by :mod:`pacte.telephony.call_events` with the call row locked. The visit an
event is about is the call's visit in ``data.queue`` when named, else its latest
visit entered at or before the event; when there is none and the queue is named, a
visit is opened implicitly at the event's time (with no position), and a later
``queued`` event for that queue, stamped earlier, moves its entry back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from pacte.telephony.call_event_input import CallEventCode, CallEventError, EventInput
from pacte.telephony.live import queue_wait_estimate
from pacte.telephony.models import Call, CallQueue, CallSource, QueueVisit, VisitOutcome

Notes = dict[str, Any]
OPEN_OUTCOMES = (VisitOutcome.WAITING, VisitOutcome.LOST)


def queue_named(name: str, *, field: str = "data.queue") -> CallQueue:
    """The configured queue called ``name``; CallEventError if the administrator has none."""
    queue = CallQueue.objects.filter(name=name).first()
    if queue is None:
        raise CallEventError(
            CallEventCode.UNKNOWN_QUEUE,
            field,
            f"no queue “{name}” is configured (an administrator adds queues in the admin).",
        )
    return queue


def api_visits(call: Call) -> QuerySet[QueueVisit]:
    """The call's visits this API keeps (those rebuilt from queue_log are left alone)."""
    return call.visits.filter(source=CallSource.API)


def seconds_between(start: datetime, end: datetime) -> int:
    """Whole seconds from ``start`` to ``end``, 0 if ``end`` is earlier."""
    return max(int((end - start).total_seconds()), 0)


def _settle(visit: QueueVisit) -> None:
    """Talk time of an answered visit that ended; wait of one that left unanswered."""
    if visit.answered_at is not None and visit.ended_at is not None:
        visit.talk_seconds = seconds_between(visit.answered_at, visit.ended_at)
    elif visit.answered_at is None and visit.ended_at is not None:
        visit.wait_seconds = seconds_between(visit.entered_at, visit.ended_at)


def visit_open(*, call: Call, queue: CallQueue, at: datetime) -> QueueVisit:
    """The call's visit of ``queue`` entered at ``at`` (created with position and prediction).

    An implicit visit of the same queue entered later (no position) is moved back to
    ``at``. A visit still waiting in another queue, entered earlier, is closed as left on
    timeout (the caller overflowed or was moved here).
    """
    visits = list(api_visits(call).filter(queue=queue).order_by("entered_at"))
    for visit in visits:
        if visit.entered_at == at:
            return visit
    implicit = [v for v in visits if v.position is None and v.entered_at > at]
    estimate = queue_wait_estimate(queue=queue, entered_at=at, exclude_call=call)
    if implicit:
        visit = implicit[0]
        visit.entered_at = at
        if visit.answered_at is not None:
            visit.wait_seconds = seconds_between(at, visit.answered_at)
    else:
        visit = QueueVisit(call=call, queue=queue, source=CallSource.API, entered_at=at)
    visit.position = estimate.position
    visit.predicted_wait_seconds = estimate.seconds
    _settle(visit)
    visit.save()
    _leave_other_queues(call=call, visit=visit)
    return visit


def _leave_other_queues(*, call: Call, visit: QueueVisit) -> None:
    for other in (
        api_visits(call)
        .filter(outcome=VisitOutcome.WAITING, entered_at__lt=visit.entered_at)
        .exclude(pk=visit.pk)
    ):
        other.outcome = VisitOutcome.TIMEOUT
        other.ended_at = visit.entered_at
        _settle(other)
        other.save()


def visit_for(call: Call, event: EventInput, *, required: bool = True) -> QueueVisit | None:
    """The visit ``event`` is about (see the module docstring); None only if not required."""
    name = event.fields.get("queue")
    queue = queue_named(name) if name else None
    visits = api_visits(call).filter(entered_at__lte=event.at)
    if queue is not None:
        visits = visits.filter(queue=queue)
    visit = visits.order_by("-entered_at", "-pk").first()
    if visit is not None:
        return visit
    if queue is not None:
        visit = QueueVisit(call=call, queue=queue, source=CallSource.API, entered_at=event.at)
        visit.save()
        return visit
    if required:
        raise CallEventError(
            CallEventCode.NO_QUEUE,
            "data.queue",
            "the call has no queue visit yet: send “queued” first or name the queue.",
        )
    return None


def required_visit(call: Call, event: EventInput) -> QueueVisit:
    """The visit ``event`` is about; CallEventError when there is none and no queue is named."""
    visit = visit_for(call, event)
    if visit is None:  # pragma: no cover - visit_for raises instead
        raise CallEventError(CallEventCode.NO_QUEUE, "data.queue", "no queue visit.")
    return visit


def apply_queued(call: Call, event: EventInput, notes: Notes) -> None:
    visit_open(call=call, queue=queue_named(event.fields["queue"]), at=event.at)


def apply_offered(call: Call, event: EventInput, notes: Notes) -> None:
    visit = required_visit(call, event)
    if visit.offered_at is None or event.at < visit.offered_at:
        visit.offered_at = event.at
        visit.save()


def apply_answered(call: Call, event: EventInput, notes: Notes) -> None:
    visit = required_visit(call, event)
    if visit.answered_at is not None and visit.answered_at <= event.at:
        notes["ignored"] = "already answered earlier"
        return
    visit.answered_at = event.at
    visit.agent = event.fields.get("agent") or visit.agent
    visit.outcome = VisitOutcome.ANSWERED
    waited = event.fields.get("wait_seconds")
    if waited is None:
        waited = seconds_between(visit.entered_at, event.at)
    visit.wait_seconds = waited
    if visit.offered_at is None or event.at < visit.offered_at:
        visit.offered_at = event.at
    _settle(visit)
    visit.save()


def apply_abandoned(call: Call, event: EventInput, notes: Notes) -> None:
    visit = required_visit(call, event)
    if visit.outcome not in OPEN_OUTCOMES:
        notes["ignored"] = f"the visit is already {visit.outcome}"
        return
    visit.outcome = VisitOutcome.ABANDONED
    visit.ended_at = event.at
    _settle(visit)
    visit.save()


def apply_transferred(call: Call, event: EventInput, notes: Notes) -> None:
    if event.fields["misroute"] and not call.misrouted:
        call.misrouted = True
        call.save(update_fields=["misrouted", "updated_at"])
    visit = visit_for(call, event, required=bool(event.fields.get("queue")))
    if visit is not None:
        visit.transferred = True
        if visit.ended_at is None or event.at < visit.ended_at:
            visit.ended_at = event.at
        if visit.outcome == VisitOutcome.WAITING:
            visit.outcome = VisitOutcome.TIMEOUT
        _settle(visit)
        visit.save()
    target = event.fields.get("to_queue")
    if target:
        visit_open(call=call, queue=queue_named(target, field="data.to_queue"), at=event.at)


def close_visits(call: Call, at: datetime) -> None:
    """At hang-up: answered visits get their talk time, waiting ones become lost."""
    for visit in api_visits(call).filter(ended_at__isnull=True, entered_at__lte=at):
        visit.ended_at = at
        if visit.outcome == VisitOutcome.WAITING:
            visit.outcome = VisitOutcome.LOST
        _settle(visit)
        visit.save()
