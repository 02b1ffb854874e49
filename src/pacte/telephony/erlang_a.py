"""Erlang A staffing: Erlang C with callers who give up (the M/M/n+M queue).

Pure arithmetic (no models, no database, no clock), like :mod:`pacte.telephony.erlang`,
whose assumptions it keeps but one: each caller has an exponentially distributed
patience of mean P seconds (abandonment rate θ = 1/P) and hangs up if not answered
within it. Erlang C is the limit P → ∞; with a finite patience Erlang A needs
fewer agents for the same target, because callers who abandon shorten the queue.

Steady state. With λ arrivals per second, μ = 1/AHT and n agents, the number of
callers in the system is a birth-death chain with birth rate λ and death rate
min(k, n)·μ + max(k - n, 0)·θ. Its distribution π is built in log space (a cumulative
sum of log ratios, normalised by its maximum), truncated past the mode once the
probabilities have fallen by e⁻⁶⁰ (the tail beyond is geometric, so negligible).
Up to :data:`MAX_STATES` states are kept: a thousand agents is a few thousand states.

Figures (PASTA: an arriving caller sees π):

- P(wait) = Σ_{k ≥ n} π_k;
- E[Lq] = Σ (k - n)⁺ π_k; P(abandon) = θ·E[Lq] / λ; the average wait of all
  callers, answered or not, is E[Lq] / λ (Little);
- occupancy = E[busy agents] / n = Σ min(k, n) π_k / n;
- service level = share of all callers answered within t (a caller who abandons
  counts as not answered), computed exactly as below.

Service level, exactly. A caller who finds j callers queuing ahead reaches an agent
after V = Σ_{i=0..j} Exp(nμ + iθ) (service completions or abandonments ahead of
him) and is answered within t if V ≤ t and V is below his own patience, with
probability f_j = E[e^{-θV}·1{V ≤ t}]. With alpha = nμ/θ the Laplace transform of V is
Π (alpha + i)/(alpha + i + s/θ) = B(alpha + s/θ, j + 1) / B(alpha, j + 1), that of -ln(U)/θ with
U ~ Beta(alpha, j + 1). Hence, with x = e^{-θt},

    f_j = E[U·1{U ≥ x}] = alpha / (alpha + j + 1) · P(Beta(alpha + 1, j + 1) ≥ x),

and for an integer second parameter P(Beta(a, j + 1) ≥ x) = P(N ≥ j + 1) where N is
negative binomial (a successes of probability x). Its probabilities are built in
log space by the ratio (a + i - 1)/i·(1 - x), with 1 - x = -expm1(-θt), so
nothing cancels or overflows for tiny θ (where N tends to Poisson(nμt) and the
figure to Erlang C's) or for large queues. Then
service level = Σ_{k < n} π_k + Σ_j π_{n+j}·f_j.

The mean patience of a queue is rarely known; its abandon rate is.
:func:`patience_for_abandon_rate` inverts P(abandon) (which falls as patience
grows) by bisection on log P.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from pacte.telephony.erlang import traffic_intensity

MAX_STATES: Final = 2_000_000
LOG_TAIL: Final = 60.0  # truncate once probabilities have fallen by e**-60 past the mode
PATIENCE_SEARCH_FACTOR: Final = 1000.0  # the inverse searches AHT/1000 .. AHT*1000
ERLANG_A_CAVEAT: Final = (
    "Erlang A accounts for callers who hang up while queuing, assuming an "
    "exponentially distributed patience of the mean given; its service level "
    "counts a caller who abandons as not answered within the threshold."
)

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ErlangAFigures:
    """Erlang A figures for one number of agents facing ``traffic_erlangs``."""

    agents: int
    traffic_erlangs: float
    patience_seconds: float
    probability_of_waiting: float
    probability_of_abandoning: float
    service_level: float
    threshold_seconds: float
    average_wait_seconds: float
    occupancy: float


class QueueTooLongError(ValueError):
    """The chain would need more than :data:`MAX_STATES` states: far too few agents."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _require_size(size: float) -> None:
    if size > MAX_STATES:
        raise QueueTooLongError("the queue would hold too many callers to compute")


def _distribution(agents: int, arrival_rate: float, service_rate: float, theta: float) -> Floats:
    """π of the birth-death chain, truncated where the tail is below e**-LOG_TAIL."""
    # Past k0 every ratio λ / death-rate is below 1, so π falls from there on.
    excess = max(0.0, (arrival_rate - agents * service_rate) / theta)
    _require_size(agents + excess)
    k0 = agents + math.ceil(excess)
    extra = 64
    while True:
        size = k0 + extra
        _require_size(size)
        k = np.arange(1, size + 1, dtype=np.float64)
        death = np.minimum(k, agents) * service_rate + np.maximum(k - agents, 0.0) * theta
        log_ratio = math.log(arrival_rate) - np.log(death)
        if -float(log_ratio[k0:].sum()) >= LOG_TAIL:
            break
        extra *= 2
    log_pi = np.concatenate(([0.0], np.cumsum(log_ratio)))
    pi: Floats = np.exp(log_pi - log_pi.max())
    return pi / float(pi.sum())


def _answered_within(
    queued: Floats, *, agents: int, service_rate: float, theta: float, threshold: float
) -> float:
    """Σ_j π_{n+j}·f_j: callers who queue, then reach an agent within ``threshold``."""
    if agents == 0 or threshold == 0 or queued.size == 0:
        return 0.0
    alpha = agents * service_rate / theta
    shape = alpha + 1
    i = np.arange(1, queued.size, dtype=np.float64)
    one_minus_x = -math.expm1(-theta * threshold)
    if one_minus_x <= 0.0:  # a threshold so short that no queued caller reaches anyone
        return 0.0
    log_one_minus_x = math.log(one_minus_x)
    log_steps = np.log((shape + i - 1) / i) + log_one_minus_x
    log_pmf = np.concatenate(([-shape * theta * threshold], log_steps)).cumsum()
    cdf = np.cumsum(np.exp(log_pmf))
    survival = np.clip(1.0 - cdf, 0.0, 1.0)  # P(N >= j + 1), j = 0 .. J
    j = np.arange(queued.size, dtype=np.float64)
    reach = alpha / (alpha + j + 1) * survival
    return float(np.dot(queued, reach))


def erlang_a_figures(
    *,
    agents: int,
    traffic: float,
    handle_seconds: float,
    patience_seconds: float,
    threshold_seconds: float,
) -> ErlangAFigures:
    """Every Erlang A figure for ``agents`` facing ``traffic`` erlangs of callers of mean patience.

    ValueError if a figure is out of range; QueueTooLongError if the queue would
    need more than :data:`MAX_STATES` states (a very long patience, far too few agents).
    """
    _require(agents >= 0, "agents must be >= 0")
    _require(traffic >= 0, "traffic must be >= 0")
    _require(math.isfinite(patience_seconds) and patience_seconds > 0, "patience must be > 0")
    _require(threshold_seconds >= 0, "threshold_seconds must be >= 0")
    if traffic == 0:
        return ErlangAFigures(
            agents, 0.0, patience_seconds, 0.0, 0.0, 1.0, threshold_seconds, 0.0, 0.0
        )
    _require(handle_seconds > 0, "handle_seconds must be > 0 when traffic > 0")
    service_rate = 1 / handle_seconds
    arrival_rate = traffic * service_rate
    theta = 1 / patience_seconds
    pi = _distribution(agents, arrival_rate, service_rate, theta)
    k = np.arange(pi.size, dtype=np.float64)
    queue_length = float(np.dot(np.maximum(k - agents, 0.0), pi))
    busy = float(np.dot(np.minimum(k, agents), pi))
    queued = pi[agents:]
    answered = _answered_within(
        queued, agents=agents, service_rate=service_rate, theta=theta, threshold=threshold_seconds
    )
    return ErlangAFigures(
        agents=agents,
        traffic_erlangs=traffic,
        patience_seconds=patience_seconds,
        probability_of_waiting=min(1.0, float(queued.sum())),
        probability_of_abandoning=min(1.0, theta * queue_length / arrival_rate),
        service_level=min(1.0, float(pi[:agents].sum()) + answered),
        threshold_seconds=threshold_seconds,
        average_wait_seconds=queue_length / arrival_rate,
        occupancy=busy / agents if agents else 0.0,
    )


def _meets(figures: ErlangAFigures, target: float, max_occupancy: float | None) -> bool:
    if figures.service_level < target:
        return False
    return max_occupancy is None or figures.occupancy <= max_occupancy


def agents_required_erlang_a(
    *,
    arrivals_per_interval: float,
    interval_seconds: float,
    handle_seconds: float,
    patience_seconds: float,
    target_service_level: float,
    threshold_seconds: float,
    max_occupancy: float | None = None,
) -> ErlangAFigures:
    """The smallest number of agents meeting the service level (and occupancy cap), with figures.

    The service level cannot exceed n/A (n agents answer at most n/AHT calls a
    second), so the search starts at ceil(target·A), gallops up (1, 2, 4 ... agents
    more) to a count that meets the target, then bisects: the service level rises
    and the occupancy falls with n. Zero arrivals need zero agents.
    """
    _require(0 <= target_service_level < 1, "target_service_level must be in [0, 1)")
    _require(max_occupancy is None or 0 < max_occupancy <= 1, "max_occupancy must be in (0, 1]")
    traffic = traffic_intensity(
        arrivals_per_interval=arrivals_per_interval,
        interval_seconds=interval_seconds,
        handle_seconds=handle_seconds,
    )

    def meeting(agents: int) -> ErlangAFigures | None:
        """The figures of ``agents`` if they meet the target, else None."""
        try:
            found = erlang_a_figures(
                agents=agents,
                traffic=traffic,
                handle_seconds=handle_seconds,
                patience_seconds=patience_seconds,
                threshold_seconds=threshold_seconds,
            )
        except QueueTooLongError:
            return None  # a queue of millions of callers meets no target
        return found if _meets(found, target_service_level, max_occupancy) else None

    low = math.ceil(target_service_level * traffic)
    if (best := meeting(low)) is not None:
        return best
    step = 1
    while (best := meeting(low + step)) is None:
        low, step = low + step, step * 2
    high = low + step  # low fails, high meets
    while high - low > 1:
        middle = (low + high) // 2
        if (candidate := meeting(middle)) is not None:
            high, best = middle, candidate
        else:
            low = middle
    return best


def patience_for_abandon_rate(
    *, traffic: float, handle_seconds: float, agents: int, abandon_rate: float
) -> float:
    """The mean patience (seconds) that gives ``abandon_rate`` for this load and these agents.

    P(abandon) falls strictly as the patience grows, so the patience is found by
    bisection on its logarithm between AHT/1000 and AHT*1000, to a relative
    precision of 1e-9. ValueError with the reason when the rate is outside what
    that range can produce: above, callers give up at once (about Erlang B's
    blocking); below, they are almost as patient as Erlang C assumes.
    """
    _require(traffic > 0, "traffic must be > 0")
    _require(handle_seconds > 0, "handle_seconds must be > 0")
    _require(agents >= 0, "agents must be >= 0")
    _require(0 < abandon_rate < 1, "abandon_rate must be in (0, 1)")

    def abandoning(patience: float) -> float:
        return erlang_a_figures(
            agents=agents,
            traffic=traffic,
            handle_seconds=handle_seconds,
            patience_seconds=patience,
            threshold_seconds=0,
        ).probability_of_abandoning

    low = math.log(handle_seconds / PATIENCE_SEARCH_FACTOR)
    high = math.log(handle_seconds * PATIENCE_SEARCH_FACTOR)
    most, least = abandoning(math.exp(low)), abandoning(math.exp(high))
    _require(
        least <= abandon_rate <= most,
        f"an abandon rate of {abandon_rate:.4f} is outside what {agents} agents facing "
        f"{traffic:.2f} erlangs give ({least:.4f} to {most:.4f})",
    )
    while high - low > 1e-9:
        middle = (low + high) / 2
        if abandoning(math.exp(middle)) > abandon_rate:
            low = middle
        else:
            high = middle
    return math.exp((low + high) / 2)
