"""Reads of calendars: a row by its code, and the plain-data spec the arithmetic needs."""

from __future__ import annotations

from datetime import date, datetime

from pacte.business_calendar.errors import CalendarErrorCode, CalendarNotFoundError
from pacte.business_calendar.holidays_source import HOLIDAY_YEARS, public_holidays
from pacte.business_calendar.models import Calendar, CalendarDay, CalendarDayKind
from pacte.business_calendar.spec import CalendarSpec

# One entry per calendar: the version it was built for (updated_at) and the spec.
_specs: dict[int, tuple[datetime, CalendarSpec]] = {}


def calendar_by_code(*, code: str) -> Calendar:
    """The calendar with ``code``; raises ``CalendarNotFoundError`` if there is none."""
    try:
        return Calendar.objects.get(code=code)
    except Calendar.DoesNotExist:
        known = ", ".join(Calendar.objects.values_list("code", flat=True)) or "none"
        raise CalendarNotFoundError(
            CalendarErrorCode.UNKNOWN_CALENDAR,
            f"no business calendar with code {code!r} (known: {known})",
        ) from None


def calendar_spec(*, calendar: Calendar) -> CalendarSpec:
    """The business calendar of ``calendar`` as plain data, for the deadline arithmetic.

    Public holidays of the calendar's source for ``HOLIDAY_YEARS``, plus its
    ``closed`` days, minus its ``open`` days. Computed once per process per
    calendar version: the cache is keyed on the row's primary key and
    ``updated_at``, which every change to the calendar or its days bumps
    (``services``), so pass a fresh row to see a change made elsewhere. One query
    (the calendar's days) on a cache miss, none on a hit. Needs no transaction.
    """
    cached = _specs.get(calendar.pk)
    if cached is not None and cached[0] == calendar.updated_at:
        return cached[1]
    spec = CalendarSpec(
        timezone=calendar.timezone,
        weekmask=calendar.weekmask,
        closing_time=calendar.closing_time,
        opening_time=calendar.opening_time,
        holidays=_calendar_holidays(calendar),
    )
    _specs[calendar.pk] = (calendar.updated_at, spec)
    return spec


def calendar_spec_cache_clear(*, calendar: Calendar | None = None) -> None:
    """Forget the cached spec of ``calendar`` (or of every calendar) in this process.

    ``updated_at`` already tells versions apart; the services also call this after
    each write so that a version rolled back (and reached again under a frozen or
    late clock, as in tests) can never serve a stale spec.
    """
    if calendar is None:
        _specs.clear()
    else:
        _specs.pop(calendar.pk, None)


def _calendar_holidays(calendar: Calendar) -> frozenset[date]:
    closed: set[date] = set()
    opened: set[date] = set()
    for day, kind in CalendarDay.objects.filter(calendar=calendar).values_list("day", "kind"):
        (closed if kind == CalendarDayKind.CLOSED else opened).add(day)
    return (public_holidays(calendar.holiday_source, HOLIDAY_YEARS) | closed) - opened


class CalendarSpecs:
    """The calendar specs of one request or batch, each calendar read once."""

    def __init__(self) -> None:
        self._specs: dict[int, CalendarSpec] = {}

    def for_calendar(self, calendar: Calendar) -> CalendarSpec:
        if calendar.pk not in self._specs:
            self._specs[calendar.pk] = calendar_spec(calendar=calendar)
        return self._specs[calendar.pk]
