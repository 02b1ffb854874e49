"""Clocks derived from a case's events: pure derivation, then the rows that store it.

A clock starts at the case's receipt with the first deadline its commitment's rule
gives. A new committed deadline counts only if the customer was told of it before
the deadline then in force expired. The first answer stops every clock of the case:
met when it came by the deadline in force, met late after it; an unanswered clock is
running until that deadline passes, then breached. (A mediation rule's clock runs
from the accepted recommendation to its application instead: cases.clock_store.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pacte.cases.models import ClockState


@dataclass(frozen=True, slots=True)
class DeadlinePromise:
    """A new deadline committed to the customer, and when the customer was told."""

    new_due_at: datetime
    told_at: datetime


@dataclass(frozen=True, slots=True)
class ClockFacts:
    started_at: datetime
    due_at: datetime
    promises: Sequence[DeadlinePromise]
    answered_at: datetime | None
    # One of the events it is derived from (receipt, promise, answer) was recorded late.
    late_recorded: bool = False


@dataclass(frozen=True, slots=True)
class ClockResult:
    started_at: datetime
    due_at: datetime
    committed_due_at: datetime | None
    committed_told_at: datetime | None
    effective_due_at: datetime
    met_at: datetime | None
    state: ClockState
    late_recorded: bool = False


def promise_counts(promise: DeadlinePromise, *, due_in_force: datetime) -> bool:
    """A promise moves the deadline only if told in time and later than the one in force."""
    return promise.told_at <= due_in_force and promise.new_due_at > due_in_force


def derive_clock(facts: ClockFacts, *, now: datetime) -> ClockResult:
    """Apply the promises in the order the customer heard them, then judge the answer."""
    effective = facts.due_at
    committed: DeadlinePromise | None = None
    for promise in sorted(facts.promises, key=lambda p: p.told_at):
        if promise_counts(promise, due_in_force=effective):
            effective = promise.new_due_at
            committed = promise
    answered = facts.answered_at
    if answered is not None:
        state = ClockState.MET if answered <= effective else ClockState.MET_LATE
    else:
        state = ClockState.RUNNING if now <= effective else ClockState.BREACHED
    return ClockResult(
        started_at=facts.started_at,
        due_at=facts.due_at,
        committed_due_at=committed.new_due_at if committed else None,
        committed_told_at=committed.told_at if committed else None,
        effective_due_at=effective,
        met_at=answered,
        state=state,
        late_recorded=facts.late_recorded,
    )
