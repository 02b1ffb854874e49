"""The planner's input rules, without a database: parsing, grid, totals, caveat."""

from __future__ import annotations

from datetime import time

import pytest
from django.utils import translation

from pacte.telephony.erlang import ERLANG_C_CAVEAT, ServiceTarget
from pacte.telephony.planner import (
    CAVEAT_MSGID,
    ForecastError,
    ForecastInterval,
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
