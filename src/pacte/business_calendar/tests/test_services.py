"""Local days: closures and worked holidays, and the version bump that follows them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from pacte.business_calendar.models import Calendar, CalendarDay, CalendarDayKind
from pacte.business_calendar.selectors import calendar_by_code
from pacte.business_calendar.services import calendar_day_remove, calendar_day_set

pytestmark = pytest.mark.django_db

FROZEN = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
DAY = date(2026, 5, 15)


@pytest.fixture
def calendar() -> Iterator[Calendar]:
    with time_machine.travel(FROZEN, tick=False):
        calendar = calendar_by_code(code="FR")
        calendar.save()  # updated_at is now the frozen instant
        yield calendar


def stored_updated_at(calendar: Calendar) -> datetime:
    return Calendar.objects.values_list("updated_at", flat=True).get(pk=calendar.pk)


def test_set_records_a_closure(calendar: Calendar) -> None:
    day = calendar_day_set(calendar=calendar, day=DAY, kind=CalendarDayKind.CLOSED, label="Pont")
    stored = CalendarDay.objects.get(calendar=calendar, day=DAY)
    assert (stored.pk, stored.kind, stored.label) == (day.pk, "closed", "Pont")


def test_set_twice_replaces_the_mark(calendar: Calendar) -> None:
    calendar_day_set(calendar=calendar, day=DAY, kind=CalendarDayKind.CLOSED, label="Pont")
    calendar_day_set(calendar=calendar, day=DAY, kind="open")
    assert list(CalendarDay.objects.filter(calendar=calendar).values_list("kind", "label")) == [
        ("open", "")
    ]


def test_set_moves_updated_at_forward_even_under_a_frozen_clock(calendar: Calendar) -> None:
    before = stored_updated_at(calendar)
    calendar_day_set(calendar=calendar, day=DAY, kind=CalendarDayKind.CLOSED)
    calendar_day_set(calendar=calendar, day=DAY, kind=CalendarDayKind.OPEN)
    assert before == FROZEN
    assert stored_updated_at(calendar) == before + timedelta(microseconds=2)
    assert calendar.updated_at == stored_updated_at(calendar)


def test_set_takes_the_clock_when_it_is_ahead(calendar: Calendar) -> None:
    with time_machine.travel(FROZEN + timedelta(days=1), tick=False):
        calendar_day_set(calendar=calendar, day=DAY, kind=CalendarDayKind.CLOSED)
    assert stored_updated_at(calendar) == FROZEN + timedelta(days=1)


@pytest.mark.parametrize(
    ("kind", "label"), [("holiday", ""), (CalendarDayKind.CLOSED, "x" * 121)], ids=["kind", "label"]
)
def test_set_refuses_an_invalid_day_and_changes_nothing(
    calendar: Calendar, kind: str, label: str
) -> None:
    before = stored_updated_at(calendar)
    with pytest.raises(ValidationError):
        calendar_day_set(calendar=calendar, day=DAY, kind=kind, label=label)
    assert not CalendarDay.objects.filter(calendar=calendar).exists()
    assert stored_updated_at(calendar) == before


def test_remove_deletes_the_mark_and_moves_updated_at(calendar: Calendar) -> None:
    calendar_day_set(calendar=calendar, day=DAY, kind=CalendarDayKind.CLOSED)
    before = stored_updated_at(calendar)
    assert calendar_day_remove(calendar=calendar, day=DAY) is True
    assert not CalendarDay.objects.filter(calendar=calendar).exists()
    assert stored_updated_at(calendar) > before


def test_remove_of_an_unmarked_day_changes_nothing(calendar: Calendar) -> None:
    before = stored_updated_at(calendar)
    assert calendar_day_remove(calendar=calendar, day=DAY) is False
    assert stored_updated_at(calendar) == before


def test_marks_are_per_calendar(calendar: Calendar) -> None:
    other = calendar_by_code(code="FR-AM")
    calendar_day_set(calendar=calendar, day=DAY, kind=CalendarDayKind.CLOSED)
    assert calendar_day_remove(calendar=other, day=DAY) is False
    assert CalendarDay.objects.filter(calendar=calendar, day=DAY).exists()
