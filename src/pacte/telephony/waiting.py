"""Estimated waiting time for the IVR: Asterisk's running average and an Erlang C estimate.

Pure arithmetic; the estimated-wait endpoint reads the live queue and calls
:func:`wait_estimate`.

Asterisk (``apps/app_queue.c``, read in the asterisk/asterisk repository):

- ``recalc_holdtime`` runs when a queued caller is connected to an agent, with the
  seconds that caller waited in the queue (an integer, from ``time()``).  It keeps
  the queue's ``holdtime`` as ``((old << 2) - old + new) >> 2``, i.e.
  ``(3 * old + new) / 4`` in C ``int`` arithmetic: the division is a right shift,
  which drops the remainder (floor for the non-negative values involved).  The
  average starts at 0 when the queue is loaded, so it needs several calls to warm up.
  Calls that abandon do not feed it.
- ``say_position`` announces the position and then a hold time which does not
  depend on the position or on the number of agents: it is the queue's average
  minus what this caller has already waited, ``d = holdtime + 30 - waited``,
  spoken as ``abs(d) / 60`` whole minutes (the ``+ 30`` rounds to the nearest
  minute) and, when ``announce-round-seconds`` is set, the remainder
  ``abs(d) - 60 * minutes`` truncated to that multiple of seconds.  Nothing is
  said when both are 0, and a caller in position 1 hears "you are next" instead
  of a hold time.  Two quirks follow from the ``abs``: a caller who has waited
  longer than the average is told a positive time again, and the seconds part
  keeps the 30 s of rounding (100 s of average is spoken "2 minutes 10 seconds"
  with 10 s rounding).  :func:`asterisk_announced_hold_time` reproduces this
  exactly so that Pacte can compare what a caller heard with the real wait.

Erlang C estimate for a caller in position k (1 = next) with N agents busy:
agents finish calls one after another as a Poisson process of rate N / AHT (each
of the N busy agents finishes at rate 1 / AHT, and exponential handle times are
memoryless, so the time already spent on the current calls does not matter).  The
caller is answered at the k-th completion, so the wait is Erlang(k, N / AHT)
distributed with mean ``k * AHT / N``.  It is exact under the M/M/N assumptions
(first come, first served, nobody ahead abandons) and finite even when the
queue is unstable, because later arrivals do not overtake the caller.  The
arrival rate only enters the unconditional average wait (ASA) of
:mod:`pacte.telephony.erlang`, used when the position is not known.

Which estimate is announced (:func:`wait_estimate`): the running average when it
is warm and fresh, i.e. at least ``min_completed_calls`` calls have fed it (after
10 updates the initial 0 weighs (3/4)^10 < 6 %) and the last one is at most
``max_age_seconds`` old (30 minutes, the longest measuring interval, by
default); otherwise the Erlang C estimate for the caller's position; and no
figure at all when no agent is logged in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class WaitSource(StrEnum):
    RUNNING_AVERAGE = "running_average"
    ERLANG_C = "erlang_c"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class AsteriskAnnouncement:
    """What app_queue says: whole minutes, then seconds (0 unless rounding is set)."""

    minutes: int
    seconds: int

    @property
    def spoken(self) -> bool:
        """Asterisk skips the hold-time announcement when both parts are 0."""
        return self.minutes + self.seconds > 0


@dataclass(frozen=True, slots=True)
class RunningAverage:
    """The Asterisk-style average hold time, with what is needed to judge if it is usable."""

    hold_seconds: int
    completed_calls: int
    age_seconds: float


@dataclass(frozen=True, slots=True)
class EstimateRule:
    """When the running average is trusted (see the module docstring)."""

    min_completed_calls: int = 10
    max_age_seconds: float = 1800.0


@dataclass(frozen=True, slots=True)
class QueueState:
    """The live state the IVR asks about: the caller's position and the queue's agents."""

    position: int
    agents_logged_in: int
    handle_seconds: float
    running_average: RunningAverage | None = None
    waited_seconds: int = 0


@dataclass(frozen=True, slots=True)
class WaitEstimate:
    """The announced wait in whole seconds (None when unknown) and where it came from."""

    seconds: int | None
    position: int
    source: WaitSource


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def holdtime_update(old: int, new: int) -> int:
    """Asterisk's running average of hold times, ``(3 * old + new) / 4`` rounded down."""
    _require(old >= 0 and new >= 0, "hold times must be >= 0")
    return (3 * old + new) // 4


def asterisk_announced_hold_time(
    *, holdtime: int, waited: int, rounding_seconds: int = 0
) -> AsteriskAnnouncement:
    """The hold time app_queue's ``say_position`` would speak (quirks included)."""
    _require(holdtime >= 0 and waited >= 0, "times must be >= 0")
    _require(rounding_seconds >= 0, "rounding_seconds must be >= 0")
    distance = abs(holdtime + 30 - waited)
    minutes = distance // 60
    if rounding_seconds == 0:
        return AsteriskAnnouncement(minutes=minutes, seconds=0)
    remainder = distance - 60 * minutes
    return AsteriskAnnouncement(
        minutes=minutes, seconds=remainder // rounding_seconds * rounding_seconds
    )


def position_wait_seconds(*, position: int, agents: int, handle_seconds: float) -> float | None:
    """Expected wait of the caller in ``position`` (1 = next): k.AHT / N; None without agents."""
    _require(position >= 1, "position must be >= 1")
    _require(agents >= 0, "agents must be >= 0")
    _require(handle_seconds >= 0, "handle_seconds must be >= 0")
    if agents == 0:
        return None
    return position * handle_seconds / agents


def running_average_usable(average: RunningAverage, rule: EstimateRule) -> bool:
    """True when the running average is warm (enough calls) and fresh (recent enough)."""
    warm = average.completed_calls >= rule.min_completed_calls
    return warm and average.age_seconds <= rule.max_age_seconds


def wait_estimate(state: QueueState, rule: EstimateRule | None = None) -> WaitEstimate:
    """The wait to announce: running average if usable, else Erlang C, else unknown.

    The running-average figure is the average minus what the caller has already
    waited, floored at 0 (Asterisk's rule without its ``abs`` quirk); the Erlang C
    figure is rounded up to the second so as not to under-promise.
    """
    rule = rule or EstimateRule()
    average = state.running_average
    if average is not None and running_average_usable(average, rule):
        seconds = max(average.hold_seconds - state.waited_seconds, 0)
        return WaitEstimate(seconds, state.position, WaitSource.RUNNING_AVERAGE)
    expected = position_wait_seconds(
        position=state.position,
        agents=state.agents_logged_in,
        handle_seconds=state.handle_seconds,
    )
    if expected is None:
        return WaitEstimate(None, state.position, WaitSource.UNKNOWN)
    return WaitEstimate(math.ceil(expected), state.position, WaitSource.ERLANG_C)
