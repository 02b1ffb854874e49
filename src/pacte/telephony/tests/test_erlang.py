"""Erlang C and wait estimates, checked against published figures and Asterisk's rules.

Published sources (expected values copied from them, not computed here):

- [CCH] Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked
  Example", https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm :
  100 calls per 30 minutes, AHT 180 s (10 erlangs), 80 % within 20 s, occupancy
  cap 85 %.  With 14 agents: P(wait) 0.1741, service level 88.8 %, ASA 7.8 s,
  82.6 % of calls answered immediately, occupancy 71.4 %; 14 raw agents required.
- [PWF] rodrigo-arenas/pyworkforce, pyworkforce/queuing/tests/test_erlang.py
  (the same example with asa = 0.33 min = 19.8 s): with an occupancy cap of 70 %,
  15 agents, service level 0.941, occupancy 0.667, P(wait) 0.102; with a cap of
  85 %, 14 agents, service level 0.888, occupancy 0.714, P(wait) 0.174.
- [AST] asterisk/asterisk apps/app_queue.c: ``recalc_holdtime`` and ``say_position``.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.telephony.erlang import (
    ERLANG_C_CAVEAT,
    IntervalForecast,
    ServiceTarget,
    agents_required,
    average_speed_of_answer,
    erlang_b,
    erlang_c,
    erlang_c_figures,
    occupancy,
    service_level,
    staffing_plan,
    traffic_intensity,
)
from pacte.telephony.waiting import (
    AsteriskAnnouncement,
    EstimateRule,
    QueueState,
    RunningAverage,
    WaitSource,
    asterisk_announced_hold_time,
    holdtime_update,
    position_wait_seconds,
    running_average_usable,
    wait_estimate,
)

CCH_TRAFFIC = 10.0  # 100 calls / 1800 s x 180 s


# --- Published points -------------------------------------------------------------


def test_traffic_of_the_worked_example_is_ten_erlangs():
    # given 100 calls per half hour at 180 s each [CCH]
    # when / then
    assert traffic_intensity(
        arrivals_per_interval=100, interval_seconds=1800, handle_seconds=180
    ) == pytest.approx(10.0)


@pytest.mark.parametrize(
    ("agents", "threshold", "p_wait", "level", "asa", "occ", "source"),
    [
        (14, 20, 0.1741, 0.888, 7.8, 0.714, "CCH"),
        (14, 19.8, 0.174, 0.888, None, 0.714, "PWF"),
        (15, 19.8, 0.102, 0.941, None, 0.667, "PWF"),
    ],
)
def test_figures_match_published_erlang_c_example(
    agents, threshold, p_wait, level, asa, occ, source
):
    # given the worked example's traffic and a staffing from the source
    # when
    figures = erlang_c_figures(
        agents=agents, traffic=CCH_TRAFFIC, handle_seconds=180, threshold_seconds=threshold
    )
    # then each figure agrees to the digits published
    digits = len(str(p_wait).split(".")[1])
    assert round(figures.probability_of_waiting, digits) == p_wait, source
    assert round(figures.service_level, 3) == level, source
    assert round(figures.occupancy, 3) == occ, source
    if asa is not None:
        assert round(figures.average_speed_of_answer_seconds, 1) == asa, source
    assert figures.stable


def test_share_answered_immediately_is_service_level_at_threshold_zero():
    # given 14 agents on 10 erlangs, [CCH] publishes 82.6 % answered immediately
    # when
    level = service_level(agents=14, traffic=CCH_TRAFFIC, handle_seconds=180, threshold_seconds=0)
    # then
    assert round(level, 3) == 0.826


@pytest.mark.parametrize(
    ("threshold", "max_occupancy", "expected_agents", "source"),
    [
        (20, None, 14, "CCH"),
        (20, 0.85, 14, "CCH"),
        (19.8, 0.85, 14, "PWF"),
        (19.8, 0.70, 15, "PWF"),
    ],
)
def test_agents_required_matches_published_example(
    threshold, max_occupancy, expected_agents, source
):
    # given the worked example, 80 % target
    # when
    figures = agents_required(100, 1800, 180, 0.8, threshold, max_occupancy)
    # then
    assert figures.agents == expected_agents, source


# --- Edge cases ------------------------------------------------------------------


@pytest.mark.parametrize("agents", [0, 5, 10])
def test_unstable_queue_gives_certain_wait_and_infinite_asa(agents):
    # given no more agents than erlangs
    # when
    figures = erlang_c_figures(
        agents=agents, traffic=CCH_TRAFFIC, handle_seconds=180, threshold_seconds=20
    )
    # then nothing divides by zero and the figures say "unstable"
    assert figures.probability_of_waiting == 1.0
    assert figures.service_level == 0.0
    assert figures.average_speed_of_answer_seconds == math.inf
    assert figures.occupancy == 1.0
    assert not figures.stable


def test_zero_arrivals_need_no_agent_and_nobody_waits():
    # given no call forecast
    # when
    figures = agents_required(0, 1800, 180, 0.8, 20)
    # then
    assert figures.agents == 0
    assert figures.probability_of_waiting == 0.0
    assert figures.service_level == 1.0
    assert figures.average_speed_of_answer_seconds == 0.0
    assert figures.occupancy == 0.0
    assert figures.stable


def test_erlang_b_with_no_server_blocks_everything():
    assert erlang_b(0, 3.0) == 1.0


def test_erlang_c_stays_finite_for_large_groups():
    # given a traffic where factorials would overflow a float
    # when
    waiting = erlang_c(1000, 950.0)
    # then
    assert 0.0 < waiting < 1.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: traffic_intensity(
                arrivals_per_interval=-1, interval_seconds=1, handle_seconds=1
            ),
            "arrivals",
        ),
        (
            lambda: traffic_intensity(
                arrivals_per_interval=1, interval_seconds=0, handle_seconds=1
            ),
            "interval",
        ),
        (
            lambda: traffic_intensity(
                arrivals_per_interval=1, interval_seconds=1, handle_seconds=-1
            ),
            "handle",
        ),
        (lambda: erlang_b(-1, 1.0), "agents"),
        (lambda: erlang_b(1, -1.0), "traffic"),
        (lambda: erlang_c(-1, 1.0), "agents"),
        (lambda: erlang_c(1, -1.0), "traffic"),
        (lambda: occupancy(agents=-1, traffic=1.0), "agents"),
        (lambda: occupancy(agents=1, traffic=-1.0), "traffic"),
        (
            lambda: service_level(agents=2, traffic=1.0, handle_seconds=1, threshold_seconds=-1),
            "threshold",
        ),
        (
            lambda: service_level(agents=2, traffic=1.0, handle_seconds=0, threshold_seconds=1),
            "handle",
        ),
        (lambda: agents_required(1, 60, 60, 1.0, 20), "target"),
        (lambda: agents_required(1, 60, 60, 0.8, 20, 0.0), "max_occupancy"),
    ],
)
def test_invalid_inputs_are_refused_with_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_average_speed_of_answer_with_no_traffic_is_zero():
    assert average_speed_of_answer(agents=3, traffic=0.0, handle_seconds=180) == 0.0


def test_staffing_plan_gives_one_row_per_interval_in_order():
    # given two half-hours, the second the published example
    target = ServiceTarget(service_level=0.8, threshold_seconds=20)
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    intervals = [
        IntervalForecast(start, 1800, 0, 180, target),
        IntervalForecast(start + timedelta(minutes=30), 1800, 100, 180, target),
    ]
    # when
    rows = staffing_plan(intervals)
    # then
    assert [row.forecast for row in rows] == intervals
    assert [row.figures.agents for row in rows] == [0, 14]


def test_caveat_mentions_abandonment():
    assert "abandonment" in ERLANG_C_CAVEAT


# --- Properties ------------------------------------------------------------------

traffics = st.floats(min_value=0.01, max_value=200, allow_nan=False)
handles = st.floats(min_value=1, max_value=1800, allow_nan=False)
thresholds = st.floats(min_value=0, max_value=300, allow_nan=False)


@given(traffic=traffics, extra=st.integers(min_value=0, max_value=50), handle=handles, t=thresholds)
def test_service_level_increases_with_agents(traffic, extra, handle, t):
    agents = math.floor(traffic) + 1 + extra
    lower = service_level(
        agents=agents, traffic=traffic, handle_seconds=handle, threshold_seconds=t
    )
    higher = service_level(
        agents=agents + 1, traffic=traffic, handle_seconds=handle, threshold_seconds=t
    )
    assert higher >= lower


@given(traffic=st.floats(min_value=0, max_value=500, allow_nan=False), agents=st.integers(0, 600))
def test_probability_of_waiting_is_a_probability(traffic, agents):
    assert 0.0 <= erlang_c(agents, traffic) <= 1.0


@given(
    arrivals=st.integers(min_value=1, max_value=2000),
    handle=st.integers(min_value=10, max_value=900),
    target=st.floats(min_value=0.05, max_value=0.95),
    t=st.integers(min_value=0, max_value=120),
    cap=st.one_of(st.none(), st.floats(min_value=0.5, max_value=1.0)),
)
@settings(deadline=None)  # a property, not a timing: a loaded CI machine must not fail it
def test_agents_required_is_minimal(arrivals, handle, target, t, cap):
    figures = agents_required(arrivals, 1800, handle, target, t, cap)
    assert figures.service_level >= target
    assert cap is None or figures.occupancy <= cap
    fewer = erlang_c_figures(
        agents=figures.agents - 1,
        traffic=figures.traffic_erlangs,
        handle_seconds=handle,
        threshold_seconds=t,
    )
    misses_cap = cap is not None and fewer.occupancy > cap
    assert not fewer.stable or fewer.service_level < target or misses_cap


# --- Asterisk running average and announcement [AST] -----------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (0, 100, 25),  # a fresh queue starts from 0
        (100, 100, 100),
        (10, 3, 8),  # 33 / 4 = 8.25, the shift drops the remainder
        (7, 0, 5),  # 21 / 4 = 5.25
        (60, 61, 60),  # 241 / 4 = 60.25
    ],
)
def test_holdtime_update_is_asterisk_integer_average(old, new, expected):
    assert holdtime_update(old, new) == expected


def test_holdtime_update_refuses_negative_times():
    with pytest.raises(ValueError, match="hold times"):
        holdtime_update(-1, 10)


@pytest.mark.parametrize(
    ("holdtime", "waited", "rounding", "expected"),
    [
        (90, 0, 0, AsteriskAnnouncement(2, 0)),  # 120 / 60: 1.5 min rounds to 2
        (89, 0, 0, AsteriskAnnouncement(1, 0)),
        (20, 0, 0, AsteriskAnnouncement(0, 0)),  # under 30 s: nothing spoken
        (100, 0, 10, AsteriskAnnouncement(2, 10)),  # the +30 stays in the seconds
        (60, 200, 0, AsteriskAnnouncement(1, 0)),  # abs(): over-waited caller hears 1 min
        (300, 60, 15, AsteriskAnnouncement(4, 30)),
    ],
)
def test_asterisk_announcement_reproduces_say_position(holdtime, waited, rounding, expected):
    assert (
        asterisk_announced_hold_time(holdtime=holdtime, waited=waited, rounding_seconds=rounding)
        == expected
    )


def test_asterisk_announcement_is_silent_when_zero():
    assert not AsteriskAnnouncement(0, 0).spoken
    assert AsteriskAnnouncement(0, 15).spoken


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"holdtime": -1, "waited": 0}, "times"),
        ({"holdtime": 1, "waited": 0, "rounding_seconds": -5}, "rounding"),
    ],
)
def test_asterisk_announcement_refuses_negative_inputs(kwargs, message):
    with pytest.raises(ValueError, match=message):
        asterisk_announced_hold_time(**kwargs)


# --- Erlang C wait for a position and the choice of estimate ----------------------


@pytest.mark.parametrize(
    ("position", "agents", "handle", "expected"),
    [
        (1, 1, 180, 180.0),  # M/M/1: the head waits one mean service
        (1, 14, 180, 180 / 14),
        (5, 10, 240, 120.0),
        (3, 0, 180, None),
    ],
)
def test_position_wait_is_k_handle_times_over_agents(position, agents, handle, expected):
    assert position_wait_seconds(position=position, agents=agents, handle_seconds=handle) == (
        pytest.approx(expected) if expected is not None else None
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"position": 0, "agents": 1, "handle_seconds": 1}, "position"),
        ({"position": 1, "agents": -1, "handle_seconds": 1}, "agents"),
        ({"position": 1, "agents": 1, "handle_seconds": -1}, "handle"),
    ],
)
def test_position_wait_refuses_invalid_inputs(kwargs, message):
    with pytest.raises(ValueError, match=message):
        position_wait_seconds(**kwargs)


WARM = RunningAverage(hold_seconds=95, completed_calls=25, age_seconds=60)


def test_warm_fresh_running_average_is_announced_minus_time_waited():
    state = QueueState(
        position=3, agents_logged_in=4, handle_seconds=180, running_average=WARM, waited_seconds=20
    )
    assert wait_estimate(state) == wait_estimate(state, EstimateRule())
    estimate = wait_estimate(state)
    assert (estimate.seconds, estimate.position, estimate.source) == (
        75,
        3,
        WaitSource.RUNNING_AVERAGE,
    )


def test_running_average_never_announces_a_negative_wait():
    state = QueueState(
        position=1, agents_logged_in=2, handle_seconds=180, running_average=WARM, waited_seconds=300
    )
    assert wait_estimate(state).seconds == 0


@pytest.mark.parametrize(
    "average",
    [
        None,
        RunningAverage(hold_seconds=95, completed_calls=9, age_seconds=60),  # cold start
        RunningAverage(hold_seconds=95, completed_calls=50, age_seconds=1801),  # stale
    ],
)
def test_erlang_c_is_announced_on_cold_start_or_stale_average(average):
    state = QueueState(position=5, agents_logged_in=10, handle_seconds=241, running_average=average)
    estimate = wait_estimate(state)
    assert estimate.source is WaitSource.ERLANG_C
    assert estimate.seconds == 121  # 5 x 241 / 10 = 120.5, rounded up


def test_no_agent_and_no_usable_average_gives_unknown_wait():
    state = QueueState(position=2, agents_logged_in=0, handle_seconds=180)
    estimate = wait_estimate(state)
    assert (estimate.seconds, estimate.source) == (None, WaitSource.UNKNOWN)


def test_rule_thresholds_are_inclusive():
    rule = EstimateRule(min_completed_calls=10, max_age_seconds=1800)
    edge = RunningAverage(hold_seconds=1, completed_calls=10, age_seconds=1800)
    assert running_average_usable(edge, rule)
