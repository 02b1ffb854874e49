"""Record an ACD/IVR event: append a CallEvent, keep the call, its visits and queues current.

One transaction per event; the call row is locked (``SELECT … FOR UPDATE``) before
anything is read, so concurrent events of one call apply one after the other. Rules
(docs/telephony.md, "ACD/IVR event API and estimated wait"):

- an event whose call, kind, time and data equal a stored one is a no-op (a replay);
- an event for an unknown callid creates the call, ``started_at`` = the event's time;
  an earlier event moves ``started_at`` back; ``entered`` fills the caller facts the
  call does not have yet (the first ``entered`` wins);
- last-wins facts (IVR choice, outcome) keep the latest event by time, so an event
  that arrives late does not overwrite a newer one; first-wins facts (price announced,
  offered, answered, ended) keep the earliest;
- an event after hang-up is recorded as sent, not refused;
- ``agents`` is about a queue, not a call: it sets the queue's agent count unless a
  newer count is already stored; no CallEvent is written for it.

What Pacte notes about an event (the customer match, an ignored stale step) is stored
in the event's data under the reserved key ``pacte``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from pacte.cases.models import Case, Motive
from pacte.cases.recompute import months_changed
from pacte.core.errors import PacteError
from pacte.core.instants import past_instant_check
from pacte.core.models import User
from pacte.telephony import call_visits as visits
from pacte.telephony.call_event_input import (
    RESERVED_KEY,
    CallEventCode,
    CallEventError,
    EventInput,
    event_input,
)
from pacte.telephony.callers import CustomerMatch, caller_customer, number_normalise
from pacte.telephony.models import (
    Call,
    CallEvent,
    CallEventKind,
    CallOutcome,
    CallQueue,
    CallSource,
    Service,
    WaitAnnouncement,
)

Notes = dict[str, Any]
DEFAULT_SERVICE_NUMBERS = {"222": Service.DIRECTORY}
IVR_METHOD = "ivr"


class RecordStatus(StrEnum):
    RECORDED = "recorded"
    DUPLICATE = "duplicate"  # a replay of a stored event: nothing changed
    STALE = "stale"  # an ``agents`` count older than the stored one: nothing changed


@dataclass(frozen=True, slots=True)
class Recorded:
    """What became of one event: the call (None for ``agents``), the stored event, status."""

    call: Call | None
    event: CallEvent | None
    status: RecordStatus


def service_numbers() -> dict[str, str]:
    """Dialled number → service, from ``PACTE_TELEPHONY_SERVICE_NUMBERS`` (read at call time)."""
    configured = getattr(settings, "PACTE_TELEPHONY_SERVICE_NUMBERS", None)
    return dict(DEFAULT_SERVICE_NUMBERS if configured is None else configured)


def _locked_call(event: EventInput) -> tuple[Call, bool]:
    call = Call.objects.select_for_update().filter(callid=event.callid).first()
    if call is not None:
        return call, False
    try:
        with transaction.atomic():
            return Call.objects.create(
                callid=event.callid, source=CallSource.API, started_at=event.at
            ), True
    except IntegrityError:  # created meanwhile by a concurrent event of the same call
        return Call.objects.select_for_update().get(callid=event.callid), False


def _is_replay(call: Call, event: EventInput) -> bool:
    for data in CallEvent.objects.filter(call=call, kind=event.kind, at=event.at).values_list(
        "data", flat=True
    ):
        sent = {key: value for key, value in data.items() if key != RESERVED_KEY}
        if sent == event.data:
            return True
    return False


def _latest_of_kinds(call: Call, kinds: tuple[CallEventKind, ...]) -> datetime | None:
    event = CallEvent.objects.filter(call=call, kind__in=kinds).order_by("-at").first()
    return None if event is None else event.at


def _entered(call: Call, event: EventInput, notes: Notes) -> None:
    fields = event.fields
    if CallEvent.objects.filter(call=call, kind=CallEventKind.ENTERED).exists():
        notes["ignored"] = "the call's caller facts were already recorded"
        return
    call.caller_number = number_normalise(fields.get("caller_number") or "")
    call.dialled_number = fields.get("dialled_number") or ""
    match = caller_customer(number=call.caller_number)
    call.customer = match.customer
    notes["customer_match"] = str(match.match)
    if match.match == CustomerMatch.SEVERAL:
        notes["customer_note"] = "several customers have this number: none was linked"
    mapped = service_numbers().get(call.dialled_number)
    call.service = fields.get("service") or mapped or _first_queue_service(call) or call.service
    call.save()


def _first_queue_service(call: Call) -> str | None:
    first = call.visits.select_related("queue").order_by("entered_at").first()
    return None if first is None else first.queue.service


def _ivr_choice(call: Call, event: EventInput, notes: Notes) -> None:
    latest = _latest_of_kinds(call, (CallEventKind.IVR_CHOICE,))
    if latest is not None and latest > event.at:
        notes["ignored"] = "a later IVR choice is already recorded"
        return
    code = event.fields.get("motive")
    if code:
        motive = Motive.objects.filter(code=code).first()
        if motive is None:
            raise CallEventError(
                CallEventCode.UNKNOWN_MOTIVE, "data.motive", f"no motive with code “{code}”."
            )
        call.motive = motive
    call.ivr_choice = event.fields["choice"]
    call.save()


def _price_announced(call: Call, event: EventInput, notes: Notes) -> None:
    if call.price_announced_at is None or event.at < call.price_announced_at:
        call.price_announced_at = event.at
        call.save(update_fields=["price_announced_at", "updated_at"])


def _wait_announced(call: Call, event: EventInput, notes: Notes) -> None:
    name = event.fields.get("queue")
    earlier = visits.api_visits(call).filter(entered_at__lte=event.at).select_related("queue")
    if name:
        earlier = earlier.filter(queue=visits.queue_named(name))
    visit = earlier.order_by("-entered_at", "-pk").first()
    if visit is None and not name:
        raise CallEventError(
            CallEventCode.NO_QUEUE, "data.queue", "name the queue whose wait was announced."
        )
    WaitAnnouncement.objects.create(
        call=call,
        visit=visit,
        queue=visit.queue if visit is not None else visits.queue_named(name or ""),
        at=event.at,
        announced_seconds=event.fields["seconds"],
        position=event.fields.get("position"),
        method=IVR_METHOD,
    )


def _queued(call: Call, event: EventInput, notes: Notes) -> None:
    visits.apply_queued(call, event, notes)
    if not call.dialled_number or call.dialled_number not in service_numbers():
        service = _first_queue_service(call)
        if service and service != call.service and not _has_entered_service(call):
            call.service = service
            call.save(update_fields=["service", "updated_at"])


def _has_entered_service(call: Call) -> bool:
    return CallEvent.objects.filter(
        call=call, kind=CallEventKind.ENTERED, data__has_key="service"
    ).exists()


def _ended(call: Call, event: EventInput, notes: Notes) -> None:
    if call.ended_at is not None and call.ended_at <= event.at:
        notes["ignored"] = "the call's end is already recorded"
        return
    call.ended_at = event.at
    call.save(update_fields=["ended_at", "updated_at"])
    visits.close_visits(call, event.at)


def _outcome(call: Call, event: EventInput, notes: Notes) -> bool:
    """Whether ``event`` is the latest outcome (solved / committed) of the call."""
    latest = _latest_of_kinds(call, (CallEventKind.SOLVED, CallEventKind.COMMITTED))
    if latest is not None and latest > event.at:
        notes["ignored"] = "a later outcome is already recorded"
        return False
    return True


def _solved(call: Call, event: EventInput, notes: Notes) -> None:
    if _outcome(call, event, notes):
        call.outcome = CallOutcome.SOLVED
        call.outcome_at = event.at
        call.save(update_fields=["outcome", "outcome_at", "updated_at"])


def _committed(call: Call, event: EventInput, notes: Notes) -> None:
    due_at: datetime = event.fields["due_at"]
    if due_at <= event.at:
        raise CallEventError(
            CallEventCode.INVALID, "data.due_at", "the committed deadline must be after the call."
        )
    case_id = event.fields.get("case")
    case = Case.objects.filter(pk=case_id).first() if case_id else None
    if case_id and case is None:
        raise CallEventError(CallEventCode.UNKNOWN_CASE, "data.case", f"no case {case_id}.")
    if _outcome(call, event, notes):
        call.outcome = CallOutcome.COMMITTED
        call.outcome_at = event.at
        call.committed_due_at = due_at
        call.case = case or call.case
        call.save()


APPLY: dict[CallEventKind, Callable[[Call, EventInput, Notes], None]] = {
    CallEventKind.ENTERED: _entered,
    CallEventKind.IVR_CHOICE: _ivr_choice,
    CallEventKind.PRICE_ANNOUNCED: _price_announced,
    CallEventKind.WAIT_ANNOUNCED: _wait_announced,
    CallEventKind.QUEUED: _queued,
    CallEventKind.OFFERED: visits.apply_offered,
    CallEventKind.ANSWERED: visits.apply_answered,
    CallEventKind.TRANSFERRED: visits.apply_transferred,
    CallEventKind.ABANDONED: visits.apply_abandoned,
    CallEventKind.ENDED: _ended,
    CallEventKind.SOLVED: _solved,
    CallEventKind.COMMITTED: _committed,
}


def _agents(event: EventInput) -> Recorded:
    name = visits.queue_named(event.fields["queue"]).name
    queue = CallQueue.objects.select_for_update().get(name=name)
    count = event.fields["count"]
    if queue.agents_updated_at == event.at and queue.agents_logged_in == count:
        return Recorded(call=None, event=None, status=RecordStatus.DUPLICATE)
    if queue.agents_updated_at is not None and queue.agents_updated_at > event.at:
        return Recorded(call=None, event=None, status=RecordStatus.STALE)
    queue.agents_logged_in = count
    queue.agents_updated_at = event.at
    queue.save(update_fields=["agents_logged_in", "agents_updated_at"])
    return Recorded(call=None, event=None, status=RecordStatus.RECORDED)


def _late(event: EventInput, *, actor: User | None, window: timedelta | None) -> bool:
    """Whether the event is late-recorded (``pacte.core.instants``); CallEventError on
    ``at`` when the sender may not date it that far back."""
    try:
        return past_instant_check(claimed=event.at, actor=actor, field="at", window=window)
    except PacteError as refused:
        reason = refused.message.removeprefix("at ")
        raise CallEventError(
            refused.code, "at", reason, status_code=refused.status_code
        ) from refused


@transaction.atomic
def call_event_apply(
    event: EventInput, *, actor: User | None = None, window: timedelta | None = None
) -> Recorded:
    """Apply a checked event (see the module docstring); CallEventError rolls it all back.

    ``actor`` is the integration's user (None: Pacte's own replay); an ``at`` older
    than the clock-skew tolerance needs the permission to record past instants and
    stays within ``window`` (default: the installation's); it is marked late-recorded.
    """
    late = _late(event, actor=actor, window=window)
    if event.kind == CallEventKind.AGENTS:
        return _agents(event)
    call, created = _locked_call(event)
    if not created and _is_replay(call, event):
        return Recorded(call=call, event=None, status=RecordStatus.DUPLICATE)
    if event.at < call.started_at:
        call.started_at = event.at
        call.save(update_fields=["started_at", "updated_at"])
    notes: Notes = {}
    APPLY[event.kind](call, event, notes)
    data = {**event.data, RESERVED_KEY: notes} if notes else event.data
    stored = CallEvent.objects.create(
        call=call, kind=event.kind, at=event.at, late_recorded=late, data=data
    )
    months_changed({call.started_at, event.at})  # the phone indicators' months to recompute
    return Recorded(call=call, event=stored, status=RecordStatus.RECORDED)


def call_event_record(
    *,
    callid: Any,
    kind: Any,
    at: Any,
    data: Any = None,
    actor: User | None = None,
    window: timedelta | None = None,
) -> Recorded:
    """Check and record one ACD/IVR event in one transaction, the call row locked.

    Raises CallEventError (naming the field) for bad input, an unknown queue, motive or
    case, or an ``at`` the backdating rules refuse; nothing is written then.
    """
    event = event_input(callid=callid, kind=kind, at=at, data=data)
    return call_event_apply(event, actor=actor, window=window)
