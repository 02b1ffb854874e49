"""Rebuild every clock from the events, in batches; safe to run again and on several workers.

Each batch runs in its own transaction and writes only the differences, so a second
run over unchanged events and calendars changes nothing and reports zero changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import transaction

from pacte.cases.clock_store import (
    CLOCK_STOPS,
    derive_case_clocks,
    earliest_open_due,
    scheme_rules,
)
from pacte.cases.clocks import ClockResult
from pacte.cases.facts_in_force import facts_in_force
from pacte.cases.models import Case, CaseEvent, Clock, ClockMonthChange, EventKind
from pacte.commitments.models import Scheme
from pacte.commitments.rules import RuleData

CLOCK_FIELDS = (
    "started_at",
    "due_at",
    "committed_due_at",
    "committed_told_at",
    "effective_due_at",
    "met_at",
    "state",
    "late_recorded",
)
# What a clock is derived to; its state also depends on when it was last recomputed.
DERIVED_FIELDS = tuple(name for name in CLOCK_FIELDS if name != "state")
# The events clocks are derived from (the receipt only for its late-recorded mark; the
# mediator's recommendation and its application for the mediation clocks, T6.7-b).
CLOCK_EVENT_KINDS = (
    EventKind.OPENED,
    EventKind.ANSWERED,
    EventKind.DEADLINE_COMMITTED,
    EventKind.MEDIATOR_RECOMMENDED,
    EventKind.RECOMMENDATION_APPLIED,
)


def clock_events(ids: list[int]) -> dict[int, list[CaseEvent]]:
    """The clock-deciding events of the cases ``ids`` (their texts left unread)."""
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    kinds = {
        *CLOCK_EVENT_KINDS,
        *(kind for stop in CLOCK_STOPS.values() for kind in stop.event_kinds),
    }
    rows = CaseEvent.objects.filter(case_id__in=ids, kind__in=sorted(kinds)).defer("body")
    for event in rows:
        events[event.case_id].append(event)
    return events


@dataclass
class RecomputeReport:
    cases: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    deadlines_moved: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return self.created + self.updated + self.deleted + self.deadlines_moved


def clocks_recompute(*, now: datetime, batch_size: int = 2000) -> RecomputeReport:
    """Re-derive every case's clocks from its events and store what differs.

    Walks cases by primary key; each batch is one transaction. Records no event:
    clocks are derived data, the events are the record.
    """
    report = RecomputeReport()
    last_pk = 0
    while True:
        ids = list(
            Case.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return report
        with transaction.atomic():
            clocks_recompute_cases(ids, now=now, report=report)
        last_pk = ids[-1]


def clocks_recompute_cases(
    ids: list[int], *, now: datetime, report: RecomputeReport | None = None
) -> RecomputeReport:
    """Re-derive and store the clocks of the cases ``ids``, and their deadline in force.

    Each case's rules see its customer's and motive's facts in force at its receipt
    (``facts_in_force``: one query for the batch). Call inside a transaction; takes the
    cases' row locks in primary-key order.
    """
    report = report if report is not None else RecomputeReport()
    to_create: list[Clock] = []
    to_update: list[Clock] = []
    to_delete: list[int] = []
    touched: set[tuple[int, datetime]] = set()
    moved: list[Case] = []
    for case, results, current in _derivations(ids, now=now, lock=True):
        report.cases += 1
        scheme_id = case.site.scheme_id
        for commitment_id, gone in current.items():
            if commitment_id not in results:
                to_delete.append(gone.pk)
                touched.add((scheme_id, gone.effective_due_at))
        for commitment_id, result in results.items():
            stored = current.get(commitment_id)
            if stored is None:
                to_create.append(_new_clock(case, commitment_id, result, now=now))
                touched.add((scheme_id, result.effective_due_at))
            elif _differs(stored, result):
                touched.add((scheme_id, stored.effective_due_at))
                _apply(stored, result, now=now)
                to_update.append(stored)
                touched.add((scheme_id, result.effective_due_at))
            else:
                report.unchanged += 1
        due = earliest_open_due(results.values())
        if case.due_at != due:
            case.due_at = due
            moved.append(case)
    Clock.objects.filter(pk__in=to_delete).delete()
    Clock.objects.bulk_create(to_create)
    Clock.objects.bulk_update(to_update, [*CLOCK_FIELDS, "computed_at"])
    Case.objects.bulk_update(moved, ["due_at"])
    _months_record(touched)
    report.created += len(to_create)
    report.updated += len(to_update)
    report.deleted += len(to_delete)
    report.deadlines_moved += len(moved)
    return report


# The widest offsets of a local time from UTC: an instant falls in one of the months
# of (instant - 14 h) and (instant + 14 h), whatever the site's time zone.
ZONE_REACH = timedelta(hours=14)


def months_changed(instants: Iterable[datetime]) -> None:
    """Record that the figures of the months of ``instants`` may have changed, for every
    scheme: what other writers than the clocks (the calls of telephony) call, so that
    the kept monthly tallies of those months are recomputed."""
    moments = set(instants)
    if not moments:
        return
    schemes = Scheme.objects.values_list("pk", flat=True)
    _months_record({(scheme_id, instant) for scheme_id in schemes for instant in moments})


def _months_record(touched: set[tuple[int, datetime]]) -> None:
    """Record the months of the deadlines written (ClockMonthChange), once each."""
    months = {
        (scheme_id, shifted.year, shifted.month)
        for scheme_id, instant in touched
        for shifted in (
            (instant - ZONE_REACH).astimezone(UTC),
            (instant + ZONE_REACH).astimezone(UTC),
        )
    }
    ClockMonthChange.objects.bulk_create(
        [ClockMonthChange(scheme_id=s, year=y, month=m) for s, y, m in sorted(months)],
        ignore_conflicts=True,
    )


def _differs(clock: Clock, result: ClockResult) -> bool:
    return any(getattr(clock, name) != getattr(result, name) for name in CLOCK_FIELDS)


def _apply(clock: Clock, result: ClockResult, *, now: datetime) -> None:
    for name in CLOCK_FIELDS:
        setattr(clock, name, getattr(result, name))
    clock.computed_at = now


def _new_clock(case: Case, commitment_id: int, result: ClockResult, *, now: datetime) -> Clock:
    clock = Clock(case=case, commitment_id=commitment_id)
    _apply(clock, result, now=now)
    return clock


def _derivations(
    ids: list[int], *, now: datetime, lock: bool
) -> Iterator[tuple[Case, dict[int, ClockResult], dict[int, Clock]]]:
    """For each case of ``ids`` (primary-key order; row-locked with ``lock``): the clocks
    its events derive, by commitment, and the clocks stored. Five queries for the batch
    (cases, events, clocks, facts in force) plus one per scheme for its rules."""
    cases = Case.objects.filter(pk__in=ids)
    if lock:
        cases = cases.select_for_update()
    batch = list(
        cases.select_related("site__calendar", "site__scheme", "motive", "customer").order_by("pk")
    )
    events = clock_events(ids)
    stored: dict[int, dict[int, Clock]] = defaultdict(dict)
    for clock in Clock.objects.filter(case_id__in=ids):
        stored[clock.case_id][clock.commitment_id] = clock
    in_force = facts_in_force(batch)
    rules_by_scheme: dict[int, list[RuleData]] = {}
    for case in batch:
        if case.site.scheme_id not in rules_by_scheme:
            rules_by_scheme[case.site.scheme_id] = scheme_rules(case)
        results = derive_case_clocks(
            case,
            events[case.pk],
            now=now,
            rules=rules_by_scheme[case.site.scheme_id],
            in_force=in_force[case.pk],
        )
        yield case, results, stored[case.pk]


def clocks_drift(ids: list[int], *, now: datetime) -> list[tuple[int, int]]:
    """The (case, commitment) pairs whose stored clock is not what the case's events
    derive (a clock edited behind the services' back, or not recomputed since a
    calendar or scheme change), missing or extra. Reads only; cases by ``ids``."""
    drift: list[tuple[int, int]] = []
    for case, results, current in _derivations(ids, now=now, lock=False):
        for commitment_id in sorted(set(results) | set(current)):
            result, kept = results.get(commitment_id), current.get(commitment_id)
            if (
                result is None
                or kept is None
                or any(getattr(kept, name) != getattr(result, name) for name in DERIVED_FIELDS)
            ):
                drift.append((case.pk, commitment_id))
    return drift
