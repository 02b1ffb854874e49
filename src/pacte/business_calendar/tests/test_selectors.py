"""Calendar rows to specs: public holidays, local days, and the per-process cache."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from pacte.business_calendar.arithmetic import is_business_day
from pacte.business_calendar.errors import CalendarErrorCode, CalendarNotFoundError
from pacte.business_calendar.models import Calendar, CalendarDay, CalendarDayKind, HolidaySource
from pacte.business_calendar.selectors import (
    calendar_by_code,
    calendar_spec,
    calendar_spec_cache_clear,
)
from pacte.business_calendar.services import calendar_day_set
from pacte.business_calendar.spec import CalendarSpec

pytestmark = pytest.mark.django_db

EASTER_MONDAY_2026 = date(2026, 4, 6)
GOOD_FRIDAY_2026 = date(2026, 4, 3)
ORDINARY_TUESDAY = date(2026, 3, 10)


def test_calendar_by_code_finds_the_default_calendars() -> None:
    assert calendar_by_code(code="FR").holiday_source == HolidaySource.FRANCE
    assert calendar_by_code(code="FR-AM").holiday_source == HolidaySource.ALSACE_MOSELLE


def test_calendar_by_code_refuses_an_unknown_code_and_names_the_known_ones() -> None:
    with pytest.raises(CalendarNotFoundError, match=r"'XX'.*FR, FR-AM") as caught:
        calendar_by_code(code="XX")
    assert caught.value.code == CalendarErrorCode.UNKNOWN_CALENDAR
    assert caught.value.status_code == 404


def test_calendar_by_code_with_no_calendars_at_all() -> None:
    Calendar.objects.all().delete()
    with pytest.raises(CalendarNotFoundError, match=r"known: none"):
        calendar_by_code(code="FR")


def test_spec_copies_the_calendar_row() -> None:
    calendar = Calendar.objects.create(
        code="reunion",
        name="La Réunion",
        timezone="Indian/Reunion",
        weekmask="1111110",
        opening_time=time(7, 30),
        closing_time=time(17, 30),
        holiday_source=HolidaySource.NONE,
    )
    spec = calendar_spec(calendar=calendar)
    assert (spec.timezone, spec.weekmask, spec.opening_time, spec.closing_time) == (
        "Indian/Reunion",
        "1111110",
        time(7, 30),
        time(17, 30),
    )
    assert spec.holidays == frozenset()


def test_spec_holds_the_public_holidays_of_its_source() -> None:
    national = calendar_spec(calendar=calendar_by_code(code="FR"))
    alsace_moselle = calendar_spec(calendar=calendar_by_code(code="FR-AM"))
    assert EASTER_MONDAY_2026 in national.holidays
    assert GOOD_FRIDAY_2026 not in national.holidays
    assert alsace_moselle.holidays - national.holidays >= {GOOD_FRIDAY_2026, date(2025, 12, 26)}
    assert date(1990, 1, 1) in national.holidays
    assert date(2080, 12, 25) in national.holidays


def test_spec_picks_up_a_local_closure() -> None:
    calendar = calendar_by_code(code="FR")
    calendar_day_set(calendar=calendar, day=ORDINARY_TUESDAY, kind=CalendarDayKind.CLOSED)
    assert not is_business_day(ORDINARY_TUESDAY, calendar_spec(calendar=calendar))


def test_spec_picks_up_a_worked_public_holiday() -> None:
    calendar = calendar_by_code(code="FR")
    calendar_day_set(calendar=calendar, day=EASTER_MONDAY_2026, kind=CalendarDayKind.OPEN)
    assert is_business_day(EASTER_MONDAY_2026, calendar_spec(calendar=calendar))


def test_spec_is_computed_once_per_calendar_version(
    django_assert_num_queries: CaptureQueriesContext,
) -> None:
    calendar = calendar_by_code(code="FR")
    first = calendar_spec(calendar=calendar)
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert calendar_spec(calendar=calendar) is first


def test_spec_cache_is_keyed_on_updated_at() -> None:
    # Given a cached spec, and a closure written behind the services' back
    calendar = calendar_by_code(code="FR")
    before = calendar_spec(calendar=calendar)
    CalendarDay.objects.create(calendar=calendar, day=ORDINARY_TUESDAY, kind="closed")
    # then the same version still gives the cached spec
    assert calendar_spec(calendar=calendar) is before
    # and a new version of the row gives a new spec
    calendar.save()
    after = calendar_spec(calendar=Calendar.objects.get(pk=calendar.pk))
    assert ORDINARY_TUESDAY in after.holidays
    assert ORDINARY_TUESDAY not in before.holidays


class AbandonedError(Exception):
    pass


def spec_inside_rolled_back_closure(calendar: Calendar, day: date) -> CalendarSpec:
    """Close ``day`` and read the spec in a transaction, then roll the transaction back."""
    seen: list[CalendarSpec] = []
    with contextlib.suppress(AbandonedError), transaction.atomic():
        calendar_day_set(calendar=calendar, day=day, kind=CalendarDayKind.CLOSED)
        seen.append(calendar_spec(calendar=calendar))
        raise AbandonedError
    return seen[0]


def test_spec_is_not_stale_after_a_rolled_back_change_under_a_frozen_clock() -> None:
    # Given a frozen clock behind the row's updated_at, so each bump is "+1 µs"
    calendar = calendar_by_code(code="FR")
    with time_machine.travel(datetime(2000, 1, 1, tzinfo=UTC), tick=False):
        # and a closure whose spec was computed, then rolled back
        rolled_back = spec_inside_rolled_back_closure(calendar, ORDINARY_TUESDAY)
        assert ORDINARY_TUESDAY in rolled_back.holidays
        # when another day is closed, reaching the same updated_at again
        fresh = calendar_by_code(code="FR")
        calendar_day_set(calendar=fresh, day=GOOD_FRIDAY_2026, kind=CalendarDayKind.CLOSED)
    # then the spec holds that day and not the rolled-back one
    assert fresh.updated_at == calendar.updated_at
    spec = calendar_spec(calendar=fresh)
    assert GOOD_FRIDAY_2026 in spec.holidays
    assert ORDINARY_TUESDAY not in spec.holidays


def test_cache_clear_forgets_one_calendar_or_all() -> None:
    national, alsace_moselle = calendar_by_code(code="FR"), calendar_by_code(code="FR-AM")
    first, other = calendar_spec(calendar=national), calendar_spec(calendar=alsace_moselle)
    calendar_spec_cache_clear(calendar=national)
    assert calendar_spec(calendar=national) is not first
    assert calendar_spec(calendar=alsace_moselle) is other
    calendar_spec_cache_clear()
    assert calendar_spec(calendar=alsace_moselle) is not other
