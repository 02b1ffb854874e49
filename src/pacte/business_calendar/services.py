"""Writes to calendars: local closures and worked public holidays."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from pacte.business_calendar.models import Calendar, CalendarDay, CalendarDayKind
from pacte.business_calendar.selectors import calendar_spec_cache_clear

ONE_MICROSECOND = timedelta(microseconds=1)


@transaction.atomic
def calendar_day_set(
    *, calendar: Calendar, day: date, kind: CalendarDayKind | str, label: str = ""
) -> CalendarDay:
    """Mark ``day`` of ``calendar`` as closed or open (replacing any earlier mark).

    ``closed`` makes the day not a business day (a local closure); ``open`` makes a
    public holiday a business day. Locks the calendar row, validates the day
    (``django.core.exceptions.ValidationError`` on a bad kind or label) and bumps
    the calendar's ``updated_at`` so that cached specs and later clock
    recomputations see the change. Runs in its own transaction (or the caller's).
    """
    locked = _lock(calendar)
    calendar_day = CalendarDay.objects.filter(calendar=locked, day=day).first()
    if calendar_day is None:
        calendar_day = CalendarDay(calendar=locked, day=day)
    calendar_day.kind = kind
    calendar_day.label = label
    calendar_day.full_clean()
    calendar_day.save()
    _touch(calendar=calendar, locked=locked)
    return calendar_day


@transaction.atomic
def calendar_day_remove(*, calendar: Calendar, day: date) -> bool:
    """Remove the mark on ``day`` of ``calendar``; the public-holiday list applies again.

    Locks the calendar row; bumps its ``updated_at`` when a mark was removed.
    Returns whether there was one. Removing an unmarked day changes nothing.
    """
    locked = _lock(calendar)
    deleted, _ = CalendarDay.objects.filter(calendar=locked, day=day).delete()
    if deleted:
        _touch(calendar=calendar, locked=locked)
    return bool(deleted)


def _lock(calendar: Calendar) -> Calendar:
    return Calendar.objects.select_for_update().get(pk=calendar.pk)


def _touch(*, calendar: Calendar, locked: Calendar) -> None:
    """Move ``updated_at`` strictly forward (even under a frozen or late clock); drop the cache."""
    updated_at = max(timezone.now(), locked.updated_at + ONE_MICROSECOND)
    Calendar.objects.filter(pk=locked.pk).update(updated_at=updated_at)
    calendar.updated_at = updated_at
    calendar_spec_cache_clear(calendar=calendar)
