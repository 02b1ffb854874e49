"""Clocks in hours, beside business days: round the clock, or on the site's opening hours.

Two ways to count hours (docs/business-days.md, "Clocks in hours"):

- **elapsed** (24/7): real time, counted in UTC. A change of the local clock does not
  shift it: one hour before the spring change (29 March 2026, 02:00 Paris) is one hour
  of real time, though the local clock then reads two hours later;
- **opening hours**: only the real time inside the site's opening hours
  (``CalendarSpec.opening_time`` to ``closing_time``, local) on its business days
  (week mask, holidays) counts. Evenings, weekends and holidays do not.

Pure: aware datetimes in, aware UTC datetimes out; no ORM.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pacte.business_calendar.arithmetic import is_business_day
from pacte.business_calendar.spec import CalendarSpec

ONE_DAY = timedelta(days=1)
NOTHING = timedelta(0)


def _aware_utc(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("hour arithmetic needs an aware datetime")
    return instant.astimezone(UTC)


def _span(hours: float | timedelta) -> timedelta:
    span = hours if isinstance(hours, timedelta) else timedelta(hours=hours)
    if span < NOTHING:
        raise ValueError("a deadline cannot be a negative number of hours")
    return span


def add_elapsed_hours(start: datetime, hours: float | timedelta) -> datetime:
    """``hours`` of real time after ``start``, round the clock (in UTC, DST-safe)."""
    return _aware_utc(start) + _span(hours)


def opening_window(day: date, spec: CalendarSpec) -> tuple[datetime, datetime] | None:
    """The opening hours of local ``day`` as UTC instants, or None on a day not open.

    A local time skipped by a spring change is read as the offset before the change
    (``fold=0``), so a window that spans a change is its real length.
    """
    if not is_business_day(day, spec):
        return None
    opens = datetime.combine(day, spec.opening_time, tzinfo=spec.zone).astimezone(UTC)
    closes = datetime.combine(day, spec.closing_time, tzinfo=spec.zone).astimezone(UTC)
    return (opens, closes) if opens < closes else None


def _require_opening_hours(spec: CalendarSpec) -> None:
    if spec.opening_time >= spec.closing_time:
        raise ValueError("opening hours need an opening time before the closing time")


def add_opening_hours(start: datetime, hours: float | timedelta, spec: CalendarSpec) -> datetime:
    """The instant by which ``hours`` of the site's opening hours have passed since
    ``start`` (``start`` itself for none). Time outside the opening hours, on days that
    are not business days, or before ``start`` does not count; a deadline reached at
    the closing time is the closing time, not the next opening."""
    _require_opening_hours(spec)
    cursor = _aware_utc(start)
    left = _span(hours)
    if left == NOTHING:
        return cursor
    day = cursor.astimezone(spec.zone).date() - ONE_DAY  # a window may start the day before
    while True:
        window = opening_window(day, spec)
        if window is not None and window[1] > cursor:
            begin = max(window[0], cursor)
            available = window[1] - begin
            if left <= available:
                return begin + left
            left -= available
            cursor = window[1]
        day += ONE_DAY


def _opening_between(start: datetime, end: datetime, spec: CalendarSpec) -> timedelta:
    """Opening time inside ``[start, end]`` (``start <= end``)."""
    total = NOTHING
    day = start.astimezone(spec.zone).date() - ONE_DAY
    last = end.astimezone(spec.zone).date() + ONE_DAY
    while day <= last:
        window = opening_window(day, spec)
        if window is not None:
            overlap = min(window[1], end) - max(window[0], start)
            total += max(overlap, NOTHING)
        day += ONE_DAY
    return total


def hours_between(start: datetime, end: datetime, spec: CalendarSpec | None = None) -> float:
    """Hours from ``start`` to ``end``: elapsed (24/7) without ``spec``, else only those
    inside the opening hours of ``spec``. Negative when ``end`` is before ``start``."""
    first, second = _aware_utc(start), _aware_utc(end)
    low, high = min(first, second), max(first, second)
    if spec is None:
        span = high - low
    else:
        _require_opening_hours(spec)
        span = _opening_between(low, high, spec)
    sign = -1 if second < first else 1
    return sign * span / timedelta(hours=1)
