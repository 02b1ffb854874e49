"""Business-day arithmetic on aware datetimes, one value at a time.

The deadline rule (docs/business-days.md): for something received at
instant ``t``, day 0 is the local day of receipt if it is a business day and ``t``
is before the closing time, otherwise the next business day; the deadline is the
end (23:59:59.999999 local) of the Nth business day after day 0, returned in UTC.
"""

from __future__ import annotations

import calendar as std_calendar
from bisect import bisect_right
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from pacte.business_calendar.spec import CalendarSpec

END_OF_DAY = time(23, 59, 59, 999999)
ONE_DAY = timedelta(days=1)


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("business-day arithmetic needs an aware datetime")


def is_business_day(day: date, spec: CalendarSpec) -> bool:
    """True if ``day`` is a working weekday of ``spec`` and not one of its holidays."""
    return spec.weekmask[day.weekday()] == "1" and day not in spec.holidays


def next_business_day(day: date, spec: CalendarSpec) -> date:
    """The first business day strictly after ``day``."""
    candidate = day + ONE_DAY
    while not is_business_day(candidate, spec):
        candidate += ONE_DAY
    return candidate


def day_zero(received_at: datetime, spec: CalendarSpec) -> date:
    """The business day from which a deadline counts, for a receipt at ``received_at``."""
    _require_aware(received_at)
    local = received_at.astimezone(spec.zone)
    today = local.date()
    if is_business_day(today, spec) and local.time() < spec.closing_time:
        return today
    return next_business_day(today, spec)


def add_business_days_to_date(start: date, days: int, spec: CalendarSpec) -> date:
    """The ``days``-th business day after ``start`` (``start`` itself when ``days`` is 0)."""
    if days < 0:
        raise ValueError("a deadline cannot be a negative number of business days")
    current = start
    for _ in range(days):
        current = next_business_day(current, spec)
    return current


def end_of_local_day(day: date, spec: CalendarSpec) -> datetime:
    """23:59:59.999999 local time on ``day``, as an aware UTC datetime."""
    return datetime.combine(day, END_OF_DAY, tzinfo=spec.zone).astimezone(UTC)


def add_business_days(received_at: datetime, days: int, spec: CalendarSpec) -> datetime:
    """The deadline of ``days`` business days for something received at ``received_at``."""
    due_day = add_business_days_to_date(day_zero(received_at, spec), days, spec)
    return end_of_local_day(due_day, spec)


def business_days_between(start: datetime, end: datetime, spec: CalendarSpec) -> int:
    """Business days ``d`` with local(start) < d <= local(end); negative if end < start.

    This is what an agent reads as "N business days left": 0 on the due day itself.
    Counted without walking the days: whole weeks by the week mask, the remainder
    day by day, minus the holidays in the span found by bisection.
    """
    _require_aware(start)
    _require_aware(end)
    first = start.astimezone(spec.zone).date()
    last = end.astimezone(spec.zone).date()
    if last < first:
        return -_business_days_after(last, first, spec)
    return _business_days_after(first, last, spec)


def _business_days_after(first: date, last: date, spec: CalendarSpec) -> int:
    """Business days ``d`` with ``first < d <= last`` (``first <= last``)."""
    weeks, rest = divmod((last - first).days, 7)
    weekday = first.weekday()
    working = weeks * spec.weekmask.count("1") + sum(
        spec.weekmask[(weekday + offset) % 7] == "1" for offset in range(1, rest + 1)
    )
    ordinals = _working_holiday_ordinals(spec)
    closed = bisect_right(ordinals, last.toordinal()) - bisect_right(ordinals, first.toordinal())
    return working - closed


@lru_cache(maxsize=64)
def _working_holiday_ordinals(spec: CalendarSpec) -> tuple[int, ...]:
    """The holidays of ``spec`` that fall on a working weekday, as sorted ordinals."""
    return tuple(sorted(d.toordinal() for d in spec.holidays if spec.weekmask[d.weekday()] == "1"))


def add_calendar_months(instant: datetime, months: int, spec: CalendarSpec) -> datetime:
    """End of the local day with the same day number ``months`` later (or that month's last).

    The mediator chain counts "1 month" this way, not in business days.
    """
    _require_aware(instant)
    local = instant.astimezone(spec.zone).date()
    month_index = local.month - 1 + months
    year = local.year + month_index // 12
    month = month_index % 12 + 1
    last_day = std_calendar.monthrange(year, month)[1]
    return end_of_local_day(date(year, month, min(local.day, last_day)), spec)
