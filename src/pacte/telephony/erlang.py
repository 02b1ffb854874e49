"""Erlang C staffing: probability of waiting, service level, speed of answer, agents required.

Pure arithmetic (no models, no database, no clock): the telephony planner and the
estimated-wait endpoint call it with figures they have read elsewhere.

Erlang C models a queue as M/M/N (Kendall notation) and assumes:

- calls arrive at random (a Poisson process) at a steady rate within the interval;
- handle times are exponentially distributed around their mean (AHT);
- N identical agents serve one first-come, first-served queue of unlimited length;
- the system is in steady state within the interval, and nobody gives up: every
  caller waits until answered (no abandonment, no retrial, no busy tone).

Figures, with A = arrivals per second x AHT (traffic in erlangs) and N agents:

- P(W > 0) = C(N, A), computed from Erlang B by the stable recurrence
  B(0) = 1, B(n) = A.B(n-1) / (n + A.B(n-1)), then C = B / (1 - (A/N)(1 - B));
- service level P(W <= t) = 1 - C.exp(-(N - A).t / AHT);
- average speed of answer ASA = C.AHT / (N - A);
- occupancy A / N.

When N <= A the queue is unstable (it grows without bound): every caller waits
(P = 1), the service level is 0 and the ASA is infinite (``math.inf``); nothing
raises.  :data:`ERLANG_C_CAVEAT` is the text the interface shows next to any figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

ERLANG_C_CAVEAT: Final = (
    "Erlang C assumes that every caller waits until answered. It ignores "
    "abandonment (and retrials), so where callers hang up while queuing it "
    "overstates the waiting time and the staffing needed to meet a target; use "
    "Erlang A or a simulation for a queue whose abandon rate is known."
)


@dataclass(frozen=True, slots=True)
class ErlangCFigures:
    """Erlang C figures for one number of agents; ASA is ``math.inf`` when unstable."""

    agents: int
    traffic_erlangs: float
    probability_of_waiting: float
    service_level: float
    threshold_seconds: float
    average_speed_of_answer_seconds: float
    occupancy: float

    @property
    def stable(self) -> bool:
        """True when the agents outnumber the traffic, so that the queue does not grow."""
        return self.agents > self.traffic_erlangs or self.traffic_erlangs == 0


@dataclass(frozen=True, slots=True)
class ServiceTarget:
    """A service-level objective: ``service_level`` of calls answered within ``threshold``."""

    service_level: float
    threshold_seconds: float
    max_occupancy: float | None = None


@dataclass(frozen=True, slots=True)
class IntervalForecast:
    """The forecast for one planning interval: arrivals and average handle time."""

    starts_at: datetime
    interval_seconds: float
    arrivals: float
    handle_seconds: float
    target: ServiceTarget


@dataclass(frozen=True, slots=True)
class StaffingRow:
    """One row of a staffing plan: the forecast and the figures of the agents required."""

    forecast: IntervalForecast
    figures: ErlangCFigures


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def traffic_intensity(
    *, arrivals_per_interval: float, interval_seconds: float, handle_seconds: float
) -> float:
    """Offered traffic in erlangs: arrival rate (per second) times handle time (seconds)."""
    _require(arrivals_per_interval >= 0, "arrivals_per_interval must be >= 0")
    _require(interval_seconds > 0, "interval_seconds must be > 0")
    _require(handle_seconds >= 0, "handle_seconds must be >= 0")
    return arrivals_per_interval / interval_seconds * handle_seconds


def erlang_b(agents: int, traffic: float) -> float:
    """Blocking probability of a loss system, by the recurrence that never overflows."""
    _require(agents >= 0, "agents must be >= 0")
    _require(traffic >= 0, "traffic must be >= 0")
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a call waits, P(W > 0); 1.0 when the queue is unstable (N <= A)."""
    _require(agents >= 0, "agents must be >= 0")
    _require(traffic >= 0, "traffic must be >= 0")
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    blocking = erlang_b(agents, traffic)
    return blocking / (1 - traffic / agents * (1 - blocking))


def service_level(
    *, agents: int, traffic: float, handle_seconds: float, threshold_seconds: float
) -> float:
    """P(wait <= threshold) = 1 - C.exp(-(N - A).t / AHT); 0.0 when unstable."""
    _require(threshold_seconds >= 0, "threshold_seconds must be >= 0")
    waiting = erlang_c(agents, traffic)
    if traffic == 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    _require(handle_seconds > 0, "handle_seconds must be > 0 when traffic > 0")
    return 1 - waiting * math.exp(-(agents - traffic) * threshold_seconds / handle_seconds)


def average_speed_of_answer(*, agents: int, traffic: float, handle_seconds: float) -> float:
    """Mean wait over all calls, C.AHT / (N - A), in seconds; ``math.inf`` when unstable."""
    waiting = erlang_c(agents, traffic)
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return waiting * handle_seconds / (agents - traffic)


def occupancy(*, agents: int, traffic: float) -> float:
    """Share of agent time spent handling calls, A / N, capped at 1 when overloaded."""
    _require(agents >= 0, "agents must be >= 0")
    _require(traffic >= 0, "traffic must be >= 0")
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    return traffic / agents


def erlang_c_figures(
    *, agents: int, traffic: float, handle_seconds: float, threshold_seconds: float
) -> ErlangCFigures:
    """Every Erlang C figure for ``agents`` facing ``traffic`` erlangs."""
    return ErlangCFigures(
        agents=agents,
        traffic_erlangs=traffic,
        probability_of_waiting=erlang_c(agents, traffic),
        service_level=service_level(
            agents=agents,
            traffic=traffic,
            handle_seconds=handle_seconds,
            threshold_seconds=threshold_seconds,
        ),
        threshold_seconds=threshold_seconds,
        average_speed_of_answer_seconds=average_speed_of_answer(
            agents=agents, traffic=traffic, handle_seconds=handle_seconds
        ),
        occupancy=occupancy(agents=agents, traffic=traffic),
    )


def _meets(figures: ErlangCFigures, target: float, max_occupancy: float | None) -> bool:
    if not figures.stable or figures.service_level < target:
        return False
    return max_occupancy is None or figures.occupancy <= max_occupancy


def agents_required(
    arrivals_per_interval: float,
    interval_seconds: float,
    handle_seconds: float,
    target_service_level: float,
    threshold_seconds: float,
    max_occupancy: float | None = None,
) -> ErlangCFigures:
    """The smallest number of agents meeting the service level (and occupancy cap), with figures.

    Starts at the first stable count (floor(A) + 1) and adds one agent at a time;
    the service level rises strictly with N, so the first count that meets the
    target is the minimum.  Zero arrivals need zero agents.  The target must be
    below 1 (Erlang C never reaches 100 % with traffic) and the cap in (0, 1].
    """
    _require(0 <= target_service_level < 1, "target_service_level must be in [0, 1)")
    _require(max_occupancy is None or 0 < max_occupancy <= 1, "max_occupancy must be in (0, 1]")
    traffic = traffic_intensity(
        arrivals_per_interval=arrivals_per_interval,
        interval_seconds=interval_seconds,
        handle_seconds=handle_seconds,
    )
    agents = 0 if traffic == 0 else math.floor(traffic) + 1
    while True:
        figures = erlang_c_figures(
            agents=agents,
            traffic=traffic,
            handle_seconds=handle_seconds,
            threshold_seconds=threshold_seconds,
        )
        if _meets(figures, target_service_level, max_occupancy):
            return figures
        agents += 1


def staffing_plan(intervals: Sequence[IntervalForecast]) -> list[StaffingRow]:
    """Agents required for each interval's forecast, in the order given."""
    return [
        StaffingRow(
            forecast=forecast,
            figures=agents_required(
                forecast.arrivals,
                forecast.interval_seconds,
                forecast.handle_seconds,
                forecast.target.service_level,
                forecast.target.threshold_seconds,
                forecast.target.max_occupancy,
            ),
        )
        for forecast in intervals
    ]
