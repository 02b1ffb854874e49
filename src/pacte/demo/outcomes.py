"""What happened to each demo case after receipt: hand-off, assignment, promise, answer, closure.

Vectorised over a chunk of contacts. Times are UTC microseconds, ``NONE`` (-1) when
the step did not happen, and never after ``now``: a case whose answer would come
later is still open, which is what fills the agents' queues with recent work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pacte.demo.catalogue import (
    ASSIGNED_OPEN_SHARE,
    CHANNELS,
    LATE_SHARE,
    MOTIVES,
    PROMISE_SHARE,
    PROMISE_TOO_LATE_SHARE,
    VOICE_CHANNELS,
)
from pacte.demo.contacts import US_PER_DAY, US_PER_SECOND, ContactPlan
from pacte.demo.deadlines import FirstDeadlines, SiteRules, business_days_after_us

Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]

NONE = -1
HOUR = 3600 * US_PER_SECOND
MINUTE = 60 * US_PER_SECOND
VOICE = np.array([channel in VOICE_CHANNELS for channel in CHANNELS])
TALK_TARGETS = np.array([m.talk_time_target_seconds for m in MOTIVES], dtype=np.float64)


@dataclass(frozen=True)
class Outcomes:
    """Per case of a chunk: when each step happened (µs UTC), or NONE."""

    handoff_us: Ints
    assigned_us: Ints
    agent_slot: Ints  # which agent of the team: taken modulo the team's size
    told_us: Ints
    new_due_us: Ints
    answered_us: Ints
    closed_us: Ints
    solved_in_call: Flags


def _scale(values: Floats) -> Ints:
    return np.rint(values).astype(np.int64)


def outcomes_draw(
    rng: np.random.Generator,
    *,
    plan: ContactPlan,
    deadlines: FirstDeadlines,
    site: Ints,
    sites: Sequence[SiteRules],
    now_us: int,
    open_only: bool = False,
) -> Outcomes:
    """Draw the chunk's outcomes; about LATE_SHARE of clocked cases miss their deadline.

    ``open_only``: nothing answered yet (a backlog, for the queue bench).
    """
    n = len(plan)
    received = plan.received_us
    voice = VOICE[plan.channel]
    talk = _talk_times(rng, plan)
    draw = rng.random(n)
    has = deadlines.has_clock
    promise = has & (draw < PROMISE_SHARE)
    late = has & (draw >= PROMISE_SHARE) & (draw < PROMISE_SHARE + LATE_SHARE)
    solved_in_call = voice & ~promise & ~late & (rng.random(n) < 0.9)
    late_delay = _scale(
        np.clip(rng.lognormal(np.log(1.5 * US_PER_DAY), 1.0, n), HOUR, 15 * US_PER_DAY)
    )
    answered = _on_time(rng, received, deadlines, solved_in_call, talk)
    first_due = deadlines.first_due_us
    answered[late] = first_due[late] + late_delay[late]
    told, new_due = _promises(rng, received, first_due, promise, voice, talk, site, sites)
    answered = np.where(promise, _promised_answers(rng, told, new_due, late_delay), answered)
    told = np.where((told > now_us) | open_only, NONE, told)
    new_due = np.where(told == NONE, NONE, new_due)
    answered = np.where((answered > now_us) | open_only, NONE, answered)
    end = np.where(answered == NONE, now_us, answered)
    handoff = np.where(
        plan.handed_off, received + _scale(rng.uniform(0.05, 0.4, n) * (end - received)), NONE
    )
    return Outcomes(
        handoff_us=handoff,
        assigned_us=_assignments(rng, received, handoff, answered, end, voice),
        agent_slot=rng.integers(0, 1_000_000, n),
        told_us=told,
        new_due_us=new_due,
        answered_us=answered,
        closed_us=_closures(rng, answered, solved_in_call, now_us),
        solved_in_call=solved_in_call,
    )


def _talk_times(rng: np.random.Generator, plan: ContactPlan) -> Ints:
    """How long each call lasts (µs), around its motive's talk-time target."""
    seconds = np.clip(rng.lognormal(np.log(TALK_TARGETS[plan.motive]), 0.45), 45, 3600)
    return _scale(seconds * US_PER_SECOND)


def _promised_answers(
    rng: np.random.Generator, told: Ints, new_due: Ints, late_delay: Ints
) -> Ints:
    """Most promises are kept (answered before the new deadline); some are not."""
    kept = rng.random(len(told)) < 0.85
    share = rng.uniform(0.1, 0.95, len(told))
    return np.where(kept, told + _scale(share * (new_due - told)), new_due + late_delay)


def _on_time(
    rng: np.random.Generator,
    received: Ints,
    deadlines: FirstDeadlines,
    solved_in_call: Flags,
    talk: Ints,
) -> Ints:
    """An answer well within the deadline (a day and a half for cases without a clock)."""
    span = np.where(deadlines.has_clock, deadlines.first_due_us - received, 3 * US_PER_DAY // 2)
    delay = np.maximum(_scale(rng.beta(1.8, 1.4, len(received)) * span), 10 * MINUTE)
    delay = np.minimum(delay, np.maximum(span - MINUTE, 0))
    return np.where(solved_in_call, received + talk, received + delay)


def _promises(
    rng: np.random.Generator,
    received: Ints,
    first_due: Ints,
    promise: Flags,
    voice: Flags,
    talk: Ints,
    site: Ints,
    sites: Sequence[SiteRules],
) -> tuple[Ints, Ints]:
    """When the customer was told of a new deadline, and that deadline (NONE without promise).

    Told during the call on the phone, before the first deadline in writing; a fifth of
    the promises are told too late (after the first deadline) and so do not count.
    """
    n = len(received)
    chosen = np.flatnonzero(promise)
    start, due = received[chosen], first_due[chosen]
    in_writing = start + _scale(rng.uniform(0.3, 0.95, len(chosen)) * (due - start))
    told_in_time = np.where(voice[chosen], start + talk[chosen], in_writing)
    too_late = rng.random(len(chosen)) < PROMISE_TOO_LATE_SHARE
    late_told = due + _scale(rng.uniform(HOUR, 1.5 * US_PER_DAY, len(chosen)))
    told = np.full(n, NONE, dtype=np.int64)
    told[chosen] = np.where(too_late, late_told, told_in_time)
    new_due = np.full(n, NONE, dtype=np.int64)
    extra_days = rng.integers(2, 7, len(chosen))
    new_due[chosen] = business_days_after_us(due, extra_days, site[chosen], sites)
    return told, new_due


def _assignments(
    rng: np.random.Generator,
    received: Ints,
    handoff: Ints,
    answered: Ints,
    end: Ints,
    voice: Flags,
) -> Ints:
    """Answered cases were taken by an agent (calls at once); open ones mostly already are."""
    base = np.where(handoff == NONE, received, handoff)
    taken = (answered != NONE) | (rng.random(len(received)) < ASSIGNED_OPEN_SHARE)
    at = np.where(voice & (handoff == NONE), base, base + (end - base) // 10)
    return np.where(taken, at, NONE)


def _closures(rng: np.random.Generator, answered: Ints, solved_in_call: Flags, now_us: int) -> Ints:
    """Answered cases are closed a little later (at once for a call solved on the line)."""
    wait = np.where(
        solved_in_call, MINUTE, _scale(rng.uniform(0.5, 8.0, len(answered)) * US_PER_DAY)
    )
    closed = np.where(answered == NONE, NONE, answered + wait)
    return np.where(closed > now_us, NONE, closed)
