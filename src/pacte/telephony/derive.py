"""Calls and queue visits derived from stored ``queue_log`` lines (issue 4, point 4).

For each callid an import touched, every stored line of that callid (all sources, in
time then file order, byte-identical lines once) is read again and rebuilt by
:func:`~pacte.telephony.queue_log_calls.call_outcomes`; the result is upserted as one
:class:`Call` (source ``queue_log``) and its :class:`QueueVisit` rows, unique on
``(call, queue, entered_at)``. Deriving twice from the same lines gives the same rows.

Rules (see docs/telephony.md, "Calls from queue_log"):

- a visit whose ENTERQUEUE is not stored (the log started mid-call) is *partial*: it is
  not stored, so it is never counted as offered; it is counted in the report, and the
  call is rebuilt whole if the earlier lines are imported later;
- a callid with no ENTERQUEUE stored gets no call;
- a call the ACD/IVR event API created (source ``api``) is left to the API: neither it
  nor its visits are touched;
- a call is *misrouted* when one of its visits was answered, then transferred, and the
  caller entered another queue afterwards;
- the motive is the code of the call's last ``INFO|MOTIVE|code`` line, when a motive
  has that code (otherwise it is counted as unknown and left empty);
- an unknown queue name creates a :class:`CallQueue` with the defaults.

Fields the queue_log does not carry (customer, IVR choice, price announced, outcome,
case) are never written here, so what another writer set on them stays.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction

from pacte.cases.models import Motive
from pacte.cases.recompute import months_changed
from pacte.telephony.models import Call, CallQueue, CallSource, QueueLogLine, QueueVisit
from pacte.telephony.models import VisitOutcome as Outcome
from pacte.telephony.queue_log import (
    Connect,
    Did,
    Enter,
    EventKind,
    FreeForm,
    ParsedEvent,
    Ring,
    parse_line,
)
from pacte.telephony.queue_log_calls import NOT_A_CALL, CallSummary, call_outcomes

_K = EventKind
CHUNK = 500
NUMBER_LENGTH = 32
_EXITS = {
    _K.ABANDON: Outcome.ABANDONED,
    _K.EXITWITHTIMEOUT: Outcome.TIMEOUT,
    _K.EXITEMPTY: Outcome.EMPTY,
    _K.EXITWITHKEY: Outcome.KEY,
}
_TALKED = frozenset(
    {_K.COMPLETEAGENT, _K.COMPLETECALLER, _K.TRANSFER, _K.BLINDTRANSFER, _K.ATTENDEDTRANSFER}
)
_CALL_FIELDS = ("service", "caller_number", "dialled_number", "started_at", "ended_at")
CALL_FIELDS = (*_CALL_FIELDS, "motive", "misrouted")
_COMPARED = (*_CALL_FIELDS, "motive_id", "misrouted")
VISIT_FIELDS = (
    "position",
    "offered_at",
    "answered_at",
    "agent",
    "ended_at",
    "outcome",
    "wait_seconds",
    "talk_seconds",
    "transferred",
)

VisitKey = tuple[str, datetime]  # queue name, entered at
Extras = dict[VisitKey, tuple[int | None, datetime | None]]  # position, first offered at


@dataclass
class DeriveReport:
    """What one derivation did: calls written, left alone, visits and oddities seen."""

    calls_created: int = 0
    calls_updated: int = 0
    calls_left_to_api: int = 0
    visits_created: int = 0
    visits_updated: int = 0
    partial_visits: int = 0
    unknown_motives: list[str] = field(default_factory=list)

    def add(self, other: DeriveReport) -> None:
        self.calls_created += other.calls_created
        self.calls_updated += other.calls_updated
        self.calls_left_to_api += other.calls_left_to_api
        self.visits_created += other.visits_created
        self.visits_updated += other.visits_updated
        self.partial_visits += other.partial_visits
        self.unknown_motives.extend(
            code for code in other.unknown_motives if code not in self.unknown_motives
        )


@dataclass
class _Derived:
    """One callid rebuilt from its lines."""

    callid: str
    visits: list[CallSummary]
    started_at: datetime
    did: str = ""
    motive_code: str = ""
    extras: Extras = field(default_factory=dict)


def calls_derive(*, callids: Collection[str]) -> DeriveReport:
    """Rebuild the calls and visits of ``callids`` from their stored queue_log lines.

    Runs in one transaction (the importer calls it inside each batch's transaction).
    Writes ``Call`` rows of source ``queue_log`` and their ``QueueVisit`` rows; creates
    unknown queues; records nothing else.
    """
    report = DeriveReport()
    wanted = sorted({callid for callid in callids if callid not in NOT_A_CALL})
    for start in range(0, len(wanted), CHUNK):
        with transaction.atomic():
            report.add(_derive_chunk(wanted[start : start + CHUNK]))
    return report


def _derive_chunk(callids: Sequence[str]) -> DeriveReport:
    report = DeriveReport()
    derived = [_rebuilt(callid, events, report) for callid, events in _events(callids).items()]
    calls = [item for item in derived if item is not None]
    if not calls:
        return report
    queues = _queues({visit.queue for item in calls for visit in item.visits})
    motives = _motives({item.motive_code for item in calls if item.motive_code}, report)
    existing = {call.callid: call for call in Call.objects.filter(callid__in=callids)}
    rows: list[tuple[Call, _Derived]] = []
    changed: list[Call] = []
    for item in calls:
        call = existing.get(item.callid)
        if call is not None and call.source != CallSource.QUEUE_LOG:
            report.calls_left_to_api += 1
            continue
        fresh = _call_row(item, queues, motives)
        if call is None:
            rows.append((fresh, item))
            report.calls_created += 1
        else:
            rows.append((call, item))
            if any(getattr(call, name) != getattr(fresh, name) for name in _COMPARED):
                for name in CALL_FIELDS:
                    setattr(call, name, getattr(fresh, name))
                changed.append(call)
    created = [call for call, _item in rows if call.pk is None]
    Call.objects.bulk_create(created)
    Call.objects.bulk_update(changed, fields=CALL_FIELDS)
    report.calls_updated += len(changed)
    entries = _upsert_visits(rows, queues, report)
    # The months whose phone figures may differ now (their kept tallies are forgotten).
    months_changed({call.started_at for call in (*created, *changed)} | entries)
    return report


def _events(callids: Sequence[str]) -> dict[str, list[ParsedEvent]]:
    """Each callid's stored lines, parsed again, in time then file order, each key once."""
    lines = (
        QueueLogLine.objects.filter(callid__in=callids)
        .order_by("at", "source_id", "line_number")
        .values_list("key", "raw", "line_number")
    )
    seen: set[str] = set()
    events: dict[str, list[ParsedEvent]] = {}
    for key, raw, line_number in lines:
        if key in seen:
            continue
        seen.add(key)
        record = parse_line(raw, line_number=line_number)
        if isinstance(record, ParsedEvent):
            events.setdefault(record.callid, []).append(record)
    return events


def _rebuilt(callid: str, events: list[ParsedEvent], report: DeriveReport) -> _Derived | None:
    summaries = call_outcomes(events)
    visits = sorted((s for s in summaries if not s.partial), key=_entered)
    report.partial_visits += len(summaries) - len(visits)
    starts = [e.at for e in events if e.kind in (_K.DID, _K.ENTERQUEUE)]
    if not visits:
        return None
    item = _Derived(callid=callid, visits=visits, started_at=min(starts))
    for event in events:
        if isinstance(event.data, Did):
            item.did = event.data.number
        elif event.kind is _K.INFO and isinstance(event.data, FreeForm):
            values = event.data.values
            if len(values) >= 2 and values[0].upper() == "MOTIVE" and values[1].strip():
                item.motive_code = values[1].strip()
    item.extras = _visit_extras(events)
    return item


def _entered(summary: CallSummary) -> datetime:
    if summary.entered_at is None:  # partial visits are filtered out before
        raise ValueError(f"visit of {summary.callid} has no entry")
    return summary.entered_at


def _visit_extras(events: Iterable[ParsedEvent]) -> Extras:
    """Per visit: the position at entry and when an agent was first offered the call."""
    extras: Extras = {}
    current: VisitKey | None = None
    for event in events:
        if event.kind is _K.ENTERQUEUE:
            current = (event.queue, event.at)
            position = event.data.position if isinstance(event.data, Enter) else None
            extras[current] = (position, None)
            continue
        offered = _offered_at(event)
        if current is None or offered is None:
            continue
        position, first = extras[current]
        extras[current] = (position, offered if first is None else min(first, offered))
    return extras


def _offered_at(event: ParsedEvent) -> datetime | None:
    """When this event says an agent's phone started ringing, if it says so."""
    data = event.data
    if event.kind is _K.AGENTCALLED:
        return event.at
    if isinstance(data, Ring) and data.ring_time_ms is not None:
        return event.at - timedelta(milliseconds=data.ring_time_ms)
    if isinstance(data, Connect) and data.ring_time is not None:
        return event.at - timedelta(seconds=data.ring_time)
    return None


def _queues(names: set[str]) -> dict[str, CallQueue]:
    """The queues by name; unknown names are created with the defaults."""
    known = {queue.name: queue for queue in CallQueue.objects.filter(name__in=names)}
    missing = [CallQueue(name=name) for name in sorted(names - set(known))]
    if missing:
        CallQueue.objects.bulk_create(missing, ignore_conflicts=True)
        known = {queue.name: queue for queue in CallQueue.objects.filter(name__in=names)}
    return known


def _motives(codes: set[str], report: DeriveReport) -> dict[str, Motive]:
    found = {motive.code: motive for motive in Motive.objects.filter(code__in=codes)}
    report.unknown_motives.extend(sorted(codes - set(found)))
    return found


def _call_row(item: _Derived, queues: dict[str, CallQueue], motives: dict[str, Motive]) -> Call:
    first = item.visits[0]
    ended = [visit.ended_at for visit in item.visits if visit.ended_at is not None]
    still_open = item.visits[-1].ended_at is None  # an earlier unended visit was lost
    return Call(
        callid=item.callid,
        source=CallSource.QUEUE_LOG,
        service=queues[first.queue].service,
        caller_number=(first.caller_id or "")[:NUMBER_LENGTH],
        dialled_number=item.did[:NUMBER_LENGTH],
        started_at=min(item.started_at, _entered(first)),
        ended_at=None if still_open else max(ended),
        motive=motives.get(item.motive_code),
        misrouted=_misrouted(item.visits),
    )


def _misrouted(visits: Sequence[CallSummary]) -> bool:
    """Answered in one queue, transferred, then entered another queue."""
    for index, visit in enumerate(visits):
        if not (visit.transferred and visit.answered):
            continue
        if any(later.queue != visit.queue for later in visits[index + 1 :]):
            return True
    return False


def _upsert_visits(
    rows: Sequence[tuple[Call, _Derived]], queues: dict[str, CallQueue], report: DeriveReport
) -> set[datetime]:
    """Create, update, and drop stale queue_log visits of the derived calls; the entry
    instants of the visits written or dropped."""
    calls = {call.pk: item for call, item in rows}
    stored = {
        (visit.call_id, visit.queue_id, visit.entered_at): visit
        for visit in QueueVisit.objects.filter(call_id__in=list(calls))
    }
    new: list[QueueVisit] = []
    changed: list[QueueVisit] = []
    kept: set[int] = set()
    for call, item in rows:
        for index, summary in enumerate(item.visits):
            fresh = _visit_row(call, item, summary, queues, last=index == len(item.visits) - 1)
            old = stored.get((call.pk, fresh.queue_id, fresh.entered_at))
            if old is None:
                new.append(fresh)
                continue
            kept.add(old.pk)
            if any(getattr(old, name) != getattr(fresh, name) for name in VISIT_FIELDS):
                for name in VISIT_FIELDS:
                    setattr(old, name, getattr(fresh, name))
                changed.append(old)
    stale = [v.pk for v in stored.values() if v.pk not in kept and v.source == CallSource.QUEUE_LOG]
    QueueVisit.objects.filter(pk__in=stale).delete()
    QueueVisit.objects.bulk_create(new)
    QueueVisit.objects.bulk_update(changed, fields=VISIT_FIELDS)
    report.visits_created += len(new)
    report.visits_updated += len(changed)
    gone = [v.entered_at for v in stored.values() if v.pk in stale]
    return {visit.entered_at for visit in (*new, *changed)} | set(gone)


def _visit_row(
    call: Call, item: _Derived, summary: CallSummary, queues: dict[str, CallQueue], *, last: bool
) -> QueueVisit:
    entered_at = _entered(summary)
    position, offered_at = item.extras.get((summary.queue, entered_at), (None, None))
    answered_at = summary.answered_at
    if answered_at is None and summary.exit_event in _TALKED and summary.hold_time is not None:
        answered_at = entered_at + timedelta(seconds=summary.hold_time)  # CONNECT line missing
    return QueueVisit(
        call=call,
        queue=queues[summary.queue],
        source=CallSource.QUEUE_LOG,
        entered_at=entered_at,
        position=position,
        offered_at=offered_at,
        answered_at=answered_at,
        agent=summary.agent or "",
        ended_at=summary.ended_at,
        outcome=_outcome(summary, answered=answered_at is not None, last=last),
        wait_seconds=summary.wait_time,
        talk_seconds=summary.talk_time,
        transferred=summary.transferred,
    )


def _outcome(summary: CallSummary, *, answered: bool, last: bool) -> Outcome:
    """The visit's outcome; an unended visit followed by another one was lost."""
    exited = _EXITS.get(summary.exit_event) if summary.exit_event is not None else None
    if exited is not None:
        return exited
    if answered:
        return Outcome.ANSWERED
    if summary.exit_event is None and last:
        return Outcome.WAITING
    return Outcome.LOST
