"""Calendars and helpers shared by the business-calendar tests (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from pacte.business_calendar.holidays_source import HOLIDAY_YEARS, public_holidays
from pacte.business_calendar.spec import CalendarSpec

PARIS = ZoneInfo("Europe/Paris")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)

FR = CalendarSpec(holidays=public_holidays("FR", HOLIDAY_YEARS))
FR_AM = CalendarSpec(holidays=public_holidays("FR-AM", HOLIDAY_YEARS))
SEVEN_DAYS = CalendarSpec(weekmask="1111111")
SPECS = {"FR": FR, "FR-AM": FR_AM, "7/7": SEVEN_DAYS}

#: Zones with unusual changes: 30-minute DST (Lord Howe), a skipped day (Apia,
#: 30 December 2011), changes at midnight (Santiago, Havana), negative DST (Dublin),
#: repeated Ramadan changes (Casablanca), a 45-minute offset (Kathmandu).
TRICKY_ZONES = (
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "America/Santiago",
    "America/Havana",
    "Europe/Dublin",
    "Africa/Casablanca",
    "Asia/Kathmandu",
    "UTC",
)


def paris(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> datetime:
    """An aware Paris wall-clock time: paris(2026, 3, 27, 10) is 27 March 2026 10:00."""
    return datetime(year, month, day, hour, minute, second, us, tzinfo=PARIS)


def end_of_paris_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=PARIS)


def micros(instant: datetime) -> int:
    """Microseconds since 1970 (UTC) of an aware datetime."""
    return (instant - EPOCH) // MICROSECOND


def from_micros(value: int) -> datetime:
    return EPOCH + timedelta(microseconds=value)
