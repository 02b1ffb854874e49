"""Gather what a case's clocks are derived from: its rules, calendar and events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pacte.business_calendar.selectors import calendar_spec
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.clocks import ClockFacts, ClockResult, DeadlinePromise, derive_clock
from pacte.cases.facts_in_force import FactsInForce, facts_in_force
from pacte.cases.models import Case, CaseEvent, ClockState, EventKind
from pacte.commitments.rules import CaseFacts, RuleData, applicable_rules, rule_due_at
from pacte.commitments.selectors import active_version, rules_for_version
from pacte.core.vocabulary import CaseKind

OPEN_CLOCK_STATES = (ClockState.RUNNING, ClockState.BREACHED)


def case_facts(case: Case, in_force: FactsInForce | None = None) -> CaseFacts:
    """What the commitment rules look at in a case: its channel and kind, and its
    customer's and motive's facts in force at its receipt (``in_force`` when the caller
    read them for a batch, else read here: one query)."""
    facts = in_force if in_force is not None else facts_in_force([case])[case.pk]
    return CaseFacts(
        channel=case.channel,
        kind=case.kind,
        billing=facts.billing,
        fraud_victim=facts.fraud_victim,
    )


def promises_from(events: Iterable[CaseEvent]) -> list[DeadlinePromise]:
    return [
        DeadlinePromise(
            new_due_at=datetime.fromisoformat(event.data["new_due_at"]),
            told_at=datetime.fromisoformat(event.data["told_at"]),
        )
        for event in events
        if event.kind == EventKind.DEADLINE_COMMITTED
    ]


@dataclass(frozen=True, slots=True)
class ClockStop:
    """What stops the clocks of a case of one kind, when it is not the first answer:
    ``event_kinds`` are the events it reads, ``stopped`` gives from the case's events
    the instant the clocks stop (None: not yet) and whether that rests on a
    late-recorded event. Registered by the domain that owns the kind (operations)."""

    event_kinds: tuple[str, ...]
    stopped: Callable[[Sequence[CaseEvent]], tuple[datetime | None, bool]]


CLOCK_STOPS: dict[str, ClockStop] = {}


def clock_stop_register(kind: str, stop: ClockStop) -> None:
    """Make ``stop`` what stops the clocks of cases of ``kind`` (an app's ready())."""
    CLOCK_STOPS[kind] = stop


def first_answer_at(events: Iterable[CaseEvent]) -> datetime | None:
    answers = [event.at for event in events if event.kind == EventKind.ANSWERED]
    return min(answers) if answers else None


def rests_on_late(events: Sequence[CaseEvent]) -> bool:
    """Whether what the clocks are derived from was recorded late: the receipt, a
    promise, or the first answer (docs/trail.md)."""
    answers = [event for event in events if event.kind == EventKind.ANSWERED]
    first = min(answers, key=lambda event: (event.at, event.pk)) if answers else None
    return (first is not None and first.late_recorded) or any(
        event.late_recorded
        for event in events
        if event.kind in (EventKind.OPENED, EventKind.DEADLINE_COMMITTED)
    )


def _first(events: Iterable[CaseEvent]) -> CaseEvent | None:
    return min(events, key=lambda event: (event.at, event.pk), default=None)


def recommendation_clock_facts(
    events: Sequence[CaseEvent], *, rule: RuleData, spec: CalendarSpec
) -> ClockFacts | None:
    """A mediation rule's clock (T6.7-b, docs/mediation.md): from the first accepted
    mediator's recommendation to the first recorded application of it; None (no clock)
    before a recommendation is accepted. Answers and promises do not touch it."""
    accepted = _first(
        event
        for event in events
        if event.kind == EventKind.MEDIATOR_RECOMMENDED and event.data.get("accepted") is True
    )
    if accepted is None:
        return None
    applied = _first(
        event
        for event in events
        if event.kind == EventKind.RECOMMENDATION_APPLIED and event.at >= accepted.at
    )
    return ClockFacts(
        started_at=accepted.at,
        due_at=rule_due_at(received_at=accepted.at, rule=rule, spec=spec),
        promises=(),
        answered_at=applied.at if applied is not None else None,
        late_recorded=accepted.late_recorded or (applied is not None and applied.late_recorded),
    )


def scheme_rules(case: Case) -> list[RuleData]:
    """Every deadline rule of the active version of the case's scheme."""
    return rules_for_version(version=active_version(scheme=case.site.scheme))


def derive_case_clocks(
    case: Case,
    events: Sequence[CaseEvent],
    *,
    now: datetime,
    rules: Sequence[RuleData] | None = None,
    in_force: FactsInForce | None = None,
) -> dict[int, ClockResult]:
    """Every clock the case should have, by commitment id, derived from its events.

    ``rules`` are the scheme's rules and ``in_force`` the case's facts at its receipt
    when the caller already has them (a batch).
    """
    spec = calendar_spec(calendar=case.site.calendar)
    scheme = scheme_rules(case) if rules is None else rules
    promises = promises_from(events)
    answered_at = first_answer_at(events)
    late = rests_on_late(events)
    stop = CLOCK_STOPS.get(case.kind)
    if stop is not None:
        answered_at, stop_late = stop.stopped(events)
        late = stop_late or any(
            event.late_recorded
            for event in events
            if event.kind in (EventKind.OPENED, EventKind.DEADLINE_COMMITTED)
        )
    results: dict[int, ClockResult] = {}
    for rule in applicable_rules(case_facts(case, in_force), scheme):
        if rule.kind == CaseKind.MEDIATION:
            found = recommendation_clock_facts(events, rule=rule, spec=spec)
            if found is None:
                continue
            facts = found
        else:
            facts = ClockFacts(
                started_at=case.received_at,
                due_at=rule_due_at(received_at=case.received_at, rule=rule, spec=spec),
                promises=promises,
                answered_at=answered_at,
                late_recorded=late,
            )
        results[rule.commitment_id] = derive_clock(facts, now=now)
    return results


def earliest_open_due(results: Iterable[ClockResult]) -> datetime | None:
    dues = [r.effective_due_at for r in results if r.state in OPEN_CLOCK_STATES]
    return min(dues) if dues else None
