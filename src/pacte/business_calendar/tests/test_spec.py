"""A calendar spec refuses what the arithmetic could not count with (no database)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from pacte.business_calendar.spec import CalendarSpec


@pytest.mark.parametrize("weekmask", ["111110", "11111000", "1111102", "MTWTF.."])
def test_spec_refuses_a_malformed_weekmask(weekmask: str) -> None:
    with pytest.raises(ValueError, match="seven 0/1 characters"):
        CalendarSpec(weekmask=weekmask)


def test_spec_refuses_a_week_without_working_days() -> None:
    with pytest.raises(ValueError, match="at least one working weekday"):
        CalendarSpec(weekmask="0000000")


def test_spec_refuses_an_unknown_time_zone() -> None:
    with pytest.raises(ZoneInfoNotFoundError):
        CalendarSpec(timezone="Europe/Atlantis")


def test_spec_defaults_to_paris_monday_to_friday() -> None:
    spec = CalendarSpec()
    assert spec.zone == ZoneInfo("Europe/Paris")
    assert spec.weekmask == "1111100"
