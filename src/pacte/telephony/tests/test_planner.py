"""The planner's input rules, without a database: parsing, grid, totals, caveat."""

from __future__ import annotations

from datetime import time

import pytest
from django.utils import translation

from pacte.telephony.erlang import ERLANG_C_CAVEAT, ServiceTarget
from pacte.telephony.erlang_a import ERLANG_A_CAVEAT
from pacte.telephony.planner import (
    CAVEAT_MSGID,
    ERLANG_A_CAVEAT_MSGID,
    ForecastError,
    ForecastInterval,
    erlang_a_caveat,
    parse_forecast_text,
    plan_staffing,
    staffing_caveat,
)

TARGET = ServiceTarget(0.8, 20)


def test_caveat_marked_for_translation_is_erlang_c_caveat() -> None:
    assert CAVEAT_MSGID == ERLANG_C_CAVEAT


def test_caveat_is_translated() -> None:
    with translation.override("fr"):
        assert staffing_caveat().startswith("Erlang C suppose")
    with translation.override("en"):
        assert staffing_caveat() == ERLANG_C_CAVEAT


def test_forecast_text_accepts_decimal_commas_tabs_and_comments() -> None:
    intervals, numbers = parse_forecast_text("# day\n\n8:00\t12,5;180\n08:30 10 90.5\n")

    assert intervals == [
        ForecastInterval(time(8, 0), 12.5, 180.0),
        ForecastInterval(time(8, 30), 10.0, 90.5),
    ]
    assert numbers == [3, 4]


def test_forecast_text_names_the_bad_line() -> None:
    with translation.override("en"), pytest.raises(ForecastError, match="Line 2"):
        parse_forecast_text("08:00 1 1\n24:00 1 1")


def test_plan_totals_peak_and_agent_hours() -> None:
    intervals = [ForecastInterval(time(8, 15), 50, 180), ForecastInterval(time(8, 0), 100, 180)]

    plan = plan_staffing(intervals=intervals, interval_minutes=15, target=TARGET)

    assert [row.forecast.starts_at.time() for row in plan.rows] == [time(8, 0), time(8, 15)]
    assert plan.peak_agents == plan.rows[0].figures.agents
    assert plan.agent_hours == sum(row.figures.agents for row in plan.rows) / 4
    assert plan.total_arrivals == 150


def test_plan_refuses_an_interval_length_off_the_list() -> None:
    with pytest.raises(ForecastError):
        plan_staffing(
            intervals=[ForecastInterval(time(8), 1, 1)], interval_minutes=20, target=TARGET
        )


def test_erlang_a_caveat_marked_for_translation_is_the_module_text() -> None:
    assert ERLANG_A_CAVEAT_MSGID == ERLANG_A_CAVEAT
    with translation.override("en"):
        assert erlang_a_caveat() == ERLANG_A_CAVEAT


def test_plan_without_patience_has_no_erlang_a() -> None:
    plan = plan_staffing(
        intervals=[ForecastInterval(time(8), 100, 180)], interval_minutes=30, target=TARGET
    )

    assert plan.erlang_a == ()
    assert plan.peak_agents_erlang_a is None
    assert plan.agent_hours_erlang_a is None


def test_plan_with_patience_plans_each_row_by_erlang_a_too() -> None:
    # given the published example (14 agents by Erlang C) and callers patient 180 s on average
    intervals = [ForecastInterval(time(8, 30), 0, 0), ForecastInterval(time(8), 100, 180)]

    plan = plan_staffing(
        intervals=intervals, interval_minutes=30, target=TARGET, patience_seconds=180
    )

    # then each row has Erlang A's figures, in the rows' order, and its own totals
    assert [row.figures.agents for row in plan.rows] == [14, 0]
    assert [figures.agents for figures in plan.erlang_a] == [12, 0]
    assert plan.erlang_a[0].probability_of_abandoning == pytest.approx(0.0531, abs=5e-5)
    assert plan.peak_agents_erlang_a == 12
    assert plan.agent_hours_erlang_a == 6


@pytest.mark.parametrize("patience", [0.5, 3601])
def test_plan_refuses_a_patience_out_of_range(patience: float) -> None:
    with translation.override("en"), pytest.raises(ForecastError, match="mean patience"):
        plan_staffing(
            intervals=[ForecastInterval(time(8), 1, 1)],
            interval_minutes=30,
            target=TARGET,
            patience_seconds=patience,
        )
