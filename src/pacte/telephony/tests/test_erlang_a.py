"""Erlang A against its limits, an exact special case, a seeded simulation and its properties.

Checks, none of which reuses the module's arithmetic:

- patience → ∞: every figure tends to Erlang C's (the published 10-erlang example);
- patience = AHT: the chain is M/M/∞, so the number in the system is Poisson(A)
  and P(wait), P(abandon) and the occupancy have closed forms;
- a seeded simulation of the M/M/n+M queue (exact FCFS with reneging, 200,000
  callers) agrees on the service level, abandonment and wait within 5 standard errors;
- more agents: higher service level, less abandonment; Erlang A never needs more
  agents than Erlang C with a finite patience, and fewer for an impatient queue.
"""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.telephony.erlang import agents_required, erlang_c_figures
from pacte.telephony.erlang_a import (
    agents_required_erlang_a,
    erlang_a_figures,
    patience_for_abandon_rate,
)


def test_infinite_patience_is_erlang_c() -> None:
    # given the published example (10 erlangs, AHT 180 s, 14 agents, 20 s) and callers
    # who almost never give up
    erlang_a = erlang_a_figures(
        agents=14, traffic=10, handle_seconds=180, patience_seconds=1e12, threshold_seconds=20
    )
    erlang_c = erlang_c_figures(agents=14, traffic=10, handle_seconds=180, threshold_seconds=20)

    # then Erlang A's figures are Erlang C's
    assert erlang_a.service_level == pytest.approx(erlang_c.service_level, abs=1e-6)
    assert erlang_a.service_level == pytest.approx(0.888, abs=0.0005)
    assert erlang_a.probability_of_waiting == pytest.approx(
        erlang_c.probability_of_waiting, abs=1e-6
    )
    assert erlang_a.average_wait_seconds == pytest.approx(
        erlang_c.average_speed_of_answer_seconds, abs=1e-6
    )
    assert erlang_a.probability_of_abandoning < 1e-9


@pytest.mark.parametrize(("agents", "traffic"), [(1, 0.5), (5, 3.2), (40, 37.5), (900, 880.0)])
def test_patience_equal_to_handle_time_is_the_poisson_queue(agents: int, traffic: float) -> None:
    # given θ = μ, every caller in the system leaves at the same rate: M/M/∞
    figures = erlang_a_figures(
        agents=agents, traffic=traffic, handle_seconds=60, patience_seconds=60, threshold_seconds=0
    )

    poisson = [
        math.exp(-traffic + k * math.log(traffic) - math.lgamma(k + 1))
        for k in range(agents + 2000)
    ]
    waiting = sum(poisson[agents:])
    queue = sum((k - agents) * p for k, p in enumerate(poisson) if k > agents)
    busy = sum(min(k, agents) * p for k, p in enumerate(poisson))

    # then the figures are those of the Poisson distribution of mean A
    assert figures.probability_of_waiting == pytest.approx(waiting, abs=1e-9)
    assert figures.probability_of_abandoning == pytest.approx(queue / traffic, abs=1e-9)
    assert figures.occupancy == pytest.approx(busy / agents, abs=1e-9)
    # with a zero threshold only those answered at once count
    assert figures.service_level == pytest.approx(1 - waiting, abs=1e-9)


@dataclass
class Simulated:
    service_level: float
    abandoning: float
    wait: float
    callers: int


def simulate(
    *, agents: int, rate: float, handle: float, patience: float, threshold: float, seed: int
) -> Simulated:
    """M/M/n+M by its FCFS recursion: a caller takes the first free agent if he is
    still there when it frees; one who abandons occupies no agent."""
    rng = random.Random(seed)
    free = [0.0] * agents
    clock = answered = abandoned = 0
    waited = 0.0
    callers, warm_up = 200_000, 10_000
    now = 0.0
    for index in range(callers + warm_up):
        now += rng.expovariate(rate)
        offered = max(0.0, free[0] - now)
        gives_up_after = rng.expovariate(1 / patience)
        counted = index >= warm_up
        if offered <= gives_up_after:
            heapq.heapreplace(free, now + offered + rng.expovariate(1 / handle))
            answered += counted and offered <= threshold
        else:
            abandoned += counted
        waited += min(offered, gives_up_after) if counted else 0.0
        clock += counted
    return Simulated(answered / clock, abandoned / clock, waited / clock, clock)


@pytest.mark.parametrize(
    ("agents", "traffic", "patience", "threshold"),
    [(12, 10.0, 120.0, 20.0), (8, 9.0, 60.0, 30.0), (3, 2.0, 300.0, 10.0)],
)
def test_agrees_with_a_seeded_simulation(
    agents: int, traffic: float, patience: float, threshold: float
) -> None:
    # given a queue, overloaded or not / when simulated and computed
    handle = 180.0
    simulated = simulate(
        agents=agents,
        rate=traffic / handle,
        handle=handle,
        patience=patience,
        threshold=threshold,
        seed=4,
    )
    figures = erlang_a_figures(
        agents=agents,
        traffic=traffic,
        handle_seconds=handle,
        patience_seconds=patience,
        threshold_seconds=threshold,
    )

    # then shares agree within 5 binomial standard errors (inflated x3 for correlation)
    def tolerance(share: float) -> float:
        return 15 * math.sqrt(share * (1 - share) / simulated.callers) + 1e-3

    sl, ab = figures.service_level, figures.probability_of_abandoning
    assert simulated.service_level == pytest.approx(sl, abs=tolerance(sl))
    assert simulated.abandoning == pytest.approx(ab, abs=tolerance(ab))
    assert simulated.wait == pytest.approx(figures.average_wait_seconds, rel=0.05, abs=0.2)


def test_no_agent_means_everyone_abandons() -> None:
    figures = erlang_a_figures(
        agents=0, traffic=2, handle_seconds=100, patience_seconds=30, threshold_seconds=20
    )

    assert figures.probability_of_abandoning == pytest.approx(1)
    assert figures.service_level == 0
    assert figures.average_wait_seconds == pytest.approx(30)
    assert figures.occupancy == 0


def test_no_traffic_needs_no_agent() -> None:
    figures = agents_required_erlang_a(
        arrivals_per_interval=0,
        interval_seconds=1800,
        handle_seconds=180,
        patience_seconds=60,
        target_service_level=0.8,
        threshold_seconds=20,
    )

    assert figures.agents == 0
    assert figures.service_level == 1


@pytest.mark.parametrize(
    ("patience", "expected"), [(60.0, 12), (180.0, 12), (600.0, 13), (3600.0, 13), (1e12, 14)]
)
def test_impatient_callers_need_fewer_agents_than_erlang_c(patience: float, expected: int) -> None:
    # given the published example, Erlang C's 14 agents for 80 % within 20 s
    erlang_c = agents_required(100, 1800, 180, 0.8, 20)

    # when the callers give up after a mean patience
    erlang_a = agents_required_erlang_a(
        arrivals_per_interval=100,
        interval_seconds=1800,
        handle_seconds=180,
        patience_seconds=patience,
        target_service_level=0.8,
        threshold_seconds=20,
    )

    # then Erlang A needs fewer, the fewer the less patient, and the minimum meets it
    assert erlang_c.agents == 14
    assert erlang_a.agents == expected
    assert erlang_a.service_level >= 0.8
    one_less = erlang_a_figures(
        agents=expected - 1,
        traffic=10,
        handle_seconds=180,
        patience_seconds=patience,
        threshold_seconds=20,
    )
    assert one_less.service_level < 0.8


def test_occupancy_cap_adds_agents() -> None:
    common = {
        "arrivals_per_interval": 100,
        "interval_seconds": 1800,
        "handle_seconds": 180,
        "patience_seconds": 180,
        "target_service_level": 0.8,
        "threshold_seconds": 20,
    }
    capped = agents_required_erlang_a(**common, max_occupancy=0.7)

    assert capped.agents > agents_required_erlang_a(**common).agents
    assert capped.occupancy <= 0.7


def test_a_thousand_agents_compute_quickly_and_stably() -> None:
    figures = agents_required_erlang_a(
        arrivals_per_interval=500 * 900 / 20,
        interval_seconds=900,
        handle_seconds=20,
        patience_seconds=3600,
        target_service_level=0.95,
        threshold_seconds=5,
    )

    assert 500 < figures.agents <= 1000
    assert 0.95 <= figures.service_level <= 1


def test_a_vanishing_threshold_counts_only_callers_answered_without_waiting() -> None:
    # Given a threshold so short that 1 - exp(-θ·t) underflows to zero (found by hypothesis)
    tiny = erlang_a_figures(
        agents=1, traffic=1, handle_seconds=120, patience_seconds=5, threshold_seconds=5e-324
    )
    zero = erlang_a_figures(
        agents=1, traffic=1, handle_seconds=120, patience_seconds=5, threshold_seconds=0
    )

    # Then the service level is the threshold-zero one, not a math domain error
    assert tiny.service_level == pytest.approx(zero.service_level)


@settings(max_examples=60, deadline=None)
@given(
    agents=st.integers(min_value=1, max_value=60),
    traffic=st.floats(min_value=0.1, max_value=60),
    patience=st.floats(min_value=5, max_value=2000),
    threshold=st.floats(min_value=0, max_value=120),
)
def test_more_agents_answer_more_and_lose_fewer(
    agents: int, traffic: float, patience: float, threshold: float
) -> None:
    def figures(count: int) -> tuple[float, float]:
        result = erlang_a_figures(
            agents=count,
            traffic=traffic,
            handle_seconds=120,
            patience_seconds=patience,
            threshold_seconds=threshold,
        )
        assert 0 <= result.service_level <= 1 - result.probability_of_abandoning + 1e-12
        return result.service_level, result.probability_of_abandoning

    service, abandon = figures(agents)
    more_service, less_abandon = figures(agents + 1)

    assert more_service >= service - 1e-12
    assert less_abandon <= abandon + 1e-12


@settings(max_examples=40, deadline=None)
@given(
    traffic=st.floats(min_value=0.5, max_value=50),
    patience=st.floats(min_value=10, max_value=3000),
)
def test_erlang_a_never_needs_more_agents_than_erlang_c(traffic: float, patience: float) -> None:
    arrivals = traffic * 1800 / 180
    erlang_c = agents_required(arrivals, 1800, 180, 0.8, 20)
    erlang_a = agents_required_erlang_a(
        arrivals_per_interval=arrivals,
        interval_seconds=1800,
        handle_seconds=180,
        patience_seconds=patience,
        target_service_level=0.8,
        threshold_seconds=20,
    )

    assert erlang_a.agents <= erlang_c.agents


@pytest.mark.parametrize("patience", [30.0, 200.0, 1500.0])
def test_patience_from_abandon_rate_inverts_the_model(patience: float) -> None:
    # given the abandon rate a queue of known patience shows
    observed = erlang_a_figures(
        agents=11, traffic=10, handle_seconds=180, patience_seconds=patience, threshold_seconds=0
    ).probability_of_abandoning

    # when the patience is estimated from that rate / then it is found again
    estimated = patience_for_abandon_rate(
        traffic=10, handle_seconds=180, agents=11, abandon_rate=observed
    )
    assert estimated == pytest.approx(patience, rel=1e-6)


def test_abandon_rate_out_of_reach_is_refused_with_the_range() -> None:
    with pytest.raises(ValueError, match="outside what 30 agents"):
        patience_for_abandon_rate(traffic=10, handle_seconds=180, agents=30, abandon_rate=0.5)


@pytest.mark.parametrize(
    "changes",
    [{"agents": -1}, {"traffic": -1}, {"patience_seconds": 0}, {"threshold_seconds": -1}],
)
def test_bad_figures_are_refused(changes: dict[str, float]) -> None:
    arguments = {
        "agents": 3,
        "traffic": 2.0,
        "handle_seconds": 60.0,
        "patience_seconds": 60.0,
        "threshold_seconds": 20.0,
        **changes,
    }
    with pytest.raises(ValueError, match="must be"):
        erlang_a_figures(**arguments)  # type: ignore[arg-type]


def test_hopeless_patience_for_the_load_is_refused() -> None:
    with pytest.raises(ValueError, match="too many callers"):
        erlang_a_figures(
            agents=1, traffic=500, handle_seconds=1, patience_seconds=1e9, threshold_seconds=20
        )
