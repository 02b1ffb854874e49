"""The pure derivation of a clock from a first deadline, promises and the first answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pacte.cases.clocks import ClockFacts, DeadlinePromise, derive_clock
from pacte.cases.models import ClockState

START = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
DUE = datetime(2026, 3, 11, 22, 59, 59, 999999, tzinfo=UTC)
LATER = DUE + timedelta(days=5)
ONE_MINUTE = timedelta(minutes=1)


def facts(*, promises: list[DeadlinePromise] | None = None, answered_at: datetime | None = None):
    return ClockFacts(
        started_at=START, due_at=DUE, promises=promises or [], answered_at=answered_at
    )


@pytest.mark.parametrize(
    ("answered_at", "now", "state"),
    [
        (None, DUE, ClockState.RUNNING),
        (None, DUE + timedelta(microseconds=1), ClockState.BREACHED),
        (DUE, DUE + timedelta(days=3), ClockState.MET),
        (DUE + timedelta(microseconds=1), DUE + timedelta(days=3), ClockState.MET_LATE),
    ],
    ids=["running-at-deadline", "breached-just-after", "met-on-last-instant", "late-by-1us"],
)
def test_state_follows_answer_and_deadline(answered_at, now, state):
    # given a first deadline and maybe an answer / when derived at now / then
    result = derive_clock(facts(answered_at=answered_at), now=now)
    assert result.state == state
    assert result.effective_due_at == DUE
    assert result.met_at == answered_at


def test_promise_told_one_minute_before_expiry_moves_the_deadline():
    promise = DeadlinePromise(new_due_at=LATER, told_at=DUE - ONE_MINUTE)
    result = derive_clock(facts(promises=[promise], answered_at=LATER - ONE_MINUTE), now=LATER)
    assert result.effective_due_at == LATER
    assert result.committed_due_at == LATER
    assert result.committed_told_at == DUE - ONE_MINUTE
    assert result.state == ClockState.MET


def test_promise_told_one_minute_after_expiry_changes_nothing():
    promise = DeadlinePromise(new_due_at=LATER, told_at=DUE + ONE_MINUTE)
    result = derive_clock(facts(promises=[promise], answered_at=LATER - ONE_MINUTE), now=LATER)
    assert result.effective_due_at == DUE
    assert result.committed_due_at is None
    assert result.state == ClockState.MET_LATE


def test_second_promise_counts_when_told_before_the_first_promise_expires():
    first = DeadlinePromise(new_due_at=LATER, told_at=DUE - ONE_MINUTE)
    second = DeadlinePromise(new_due_at=LATER + timedelta(days=2), told_at=LATER - ONE_MINUTE)
    result = derive_clock(facts(promises=[second, first]), now=LATER)
    assert result.effective_due_at == LATER + timedelta(days=2)
    assert result.state == ClockState.RUNNING


def test_promise_earlier_than_the_deadline_in_force_is_ignored():
    promise = DeadlinePromise(new_due_at=DUE - timedelta(hours=1), told_at=START)
    result = derive_clock(facts(promises=[promise]), now=START)
    assert result.effective_due_at == DUE
    assert result.committed_due_at is None
