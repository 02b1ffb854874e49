"""Clocks in hours on worked examples (no database): 24/7 across both DST changes, and
opening hours across evenings, weekends, holidays and DST."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from pacte.business_calendar.hours import (
    add_elapsed_hours,
    add_opening_hours,
    hours_between,
    opening_window,
)
from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.tests.calendars import FR, PARIS, SEVEN_DAYS, paris

NAIVE = datetime(2026, 3, 10, 10)  # noqa: DTZ001 - the point of the tests using it


def test_one_hour_before_the_spring_change_reads_two_hours_later_on_the_local_clock():
    # Given 01:00 Paris on 29 March 2026, one hour before the clocks go 02:00 → 03:00
    start = paris(2026, 3, 29, 1)
    # When one hour of real time passes
    due = add_elapsed_hours(start, 1)
    # Then it is 01:00 UTC, and the local clock reads 03:00 (summer time)
    assert due == datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert due.tzinfo is UTC
    assert due.astimezone(PARIS).strftime("%H:%M %Z") == "03:00 CEST"
    assert hours_between(start, due) == 1.0


def test_the_autumn_change_repeats_an_hour_and_elapsed_time_counts_it():
    # Given 01:30 Paris summer time on 25 October 2026 (03:00 CEST → 02:00 CET)
    start = paris(2026, 10, 25, 1, 30)
    first = add_elapsed_hours(start, 1)
    second = add_elapsed_hours(start, 2)
    # Then the local clock reads 02:30 twice: once in summer time, once in winter time
    assert first.astimezone(PARIS).strftime("%H:%M %Z") == "02:30 CEST"
    assert second.astimezone(PARIS).strftime("%H:%M %Z") == "02:30 CET"
    assert second - first == timedelta(hours=1)
    assert hours_between(start, add_elapsed_hours(start, 4)) == 4.0


def test_four_hours_round_the_clock_run_through_the_night_and_the_weekend():
    saturday_night = paris(2026, 11, 28, 22)
    assert add_elapsed_hours(saturday_night, 4) == datetime(2026, 11, 29, 1, tzinfo=UTC)


def test_elapsed_hours_accept_fractions_and_timedeltas():
    start = paris(2026, 11, 2, 9)
    assert add_elapsed_hours(start, 0.5) == add_elapsed_hours(start, timedelta(minutes=30))


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        # Inside the day: plain addition.
        (paris(2026, 11, 2, 9), 2, paris(2026, 11, 2, 11)),
        # Reaching the closing time exactly stops at the closing time.
        (paris(2026, 11, 2, 16), 2, paris(2026, 11, 2, 18)),
        # Past the closing time: the rest counts from the next opening.
        (paris(2026, 11, 2, 17), 2, paris(2026, 11, 3, 9)),
        # Received at night: counts from the opening.
        (paris(2026, 11, 2, 23), 1, paris(2026, 11, 3, 9)),
        (paris(2026, 11, 3, 6), 1, paris(2026, 11, 3, 9)),
        # Friday evening: Saturday and Sunday are closed.
        (paris(2026, 11, 6, 17), 2, paris(2026, 11, 9, 9)),
        # Received on a Sunday.
        (paris(2026, 11, 8, 12), 3, paris(2026, 11, 9, 11)),
        # Tuesday 10 November, then 11 November (Armistice) is a holiday.
        (paris(2026, 11, 10, 17), 2, paris(2026, 11, 12, 9)),
        # A whole day of opening hours is ten hours.
        (paris(2026, 11, 2, 8), 10, paris(2026, 11, 2, 18)),
        (paris(2026, 11, 2, 8), 25, paris(2026, 11, 4, 13)),
        # Friday before Easter Monday 2026 (6 April): Monday is skipped.
        (paris(2026, 4, 3, 17), 2, paris(2026, 4, 7, 9)),
    ],
)
def test_opening_hours_count_only_the_sites_open_hours(start, hours, expected):
    assert add_opening_hours(start, hours, FR) == expected.astimezone(UTC)
    assert hours_between(start, expected, FR) == pytest.approx(hours)


def test_opening_hours_across_the_spring_weekend_keep_the_local_opening():
    # Friday 27 March 2026 17:00 CET; Monday 30 March opens at 08:00 CEST (06:00 UTC).
    due = add_opening_hours(paris(2026, 3, 27, 17), 2, FR)
    assert due == datetime(2026, 3, 30, 7, tzinfo=UTC)
    assert due.astimezone(PARIS).hour == 9


def test_opening_hours_across_the_autumn_weekend_keep_the_local_opening():
    due = add_opening_hours(paris(2026, 10, 23, 17), 2, FR)
    assert due == datetime(2026, 10, 26, 8, tzinfo=UTC)  # 09:00 CET


def test_opening_hours_that_span_a_change_of_clock_count_real_time():
    night = CalendarSpec(weekmask="1111111", opening_time=time(1), closing_time=time(5))
    # 01:00 to 05:00 local on 29 March 2026 is three hours of real time (02:00 is skipped)
    assert hours_between(paris(2026, 3, 29, 0), paris(2026, 3, 29, 6), night) == 3.0
    # and five on 25 October (02:00 to 03:00 happens twice)
    assert hours_between(paris(2026, 10, 25, 0), paris(2026, 10, 25, 6), night) == 5.0
    assert add_opening_hours(paris(2026, 3, 29, 1), 3, night) == paris(2026, 3, 29, 5)


def test_seven_day_opening_hours_open_on_sunday():
    assert add_opening_hours(paris(2026, 11, 7, 17), 2, SEVEN_DAYS) == paris(2026, 11, 8, 9)


def test_zero_hours_is_the_start_itself():
    sunday = paris(2026, 11, 8, 12)
    assert add_opening_hours(sunday, 0, FR) == sunday
    assert add_elapsed_hours(sunday, 0) == sunday


def test_hours_between_is_negative_backwards_and_zero_when_closed():
    assert hours_between(paris(2026, 11, 2, 11), paris(2026, 11, 2, 9)) == -2.0
    assert hours_between(paris(2026, 11, 2, 11), paris(2026, 11, 2, 9), FR) == -2.0
    assert hours_between(paris(2026, 11, 7, 9), paris(2026, 11, 8, 20), FR) == 0.0


def test_the_window_of_a_closed_day_is_none():
    assert opening_window(paris(2026, 11, 11).date(), FR) is None
    assert opening_window(paris(2026, 11, 12).date(), FR) == (
        paris(2026, 11, 12, 8).astimezone(UTC),
        paris(2026, 11, 12, 18).astimezone(UTC),
    )


def test_naive_negative_and_closed_calendars_are_refused():
    with pytest.raises(ValueError, match="aware"):
        add_elapsed_hours(NAIVE, 1)
    with pytest.raises(ValueError, match="aware"):
        hours_between(NAIVE, paris(2026, 1, 1), FR)
    with pytest.raises(ValueError, match="negative"):
        add_opening_hours(paris(2026, 1, 5), -1, FR)
    shut = CalendarSpec(opening_time=time(18), closing_time=time(8))
    with pytest.raises(ValueError, match="opening time"):
        add_opening_hours(paris(2026, 1, 5), 1, shut)
    with pytest.raises(ValueError, match="opening time"):
        hours_between(paris(2026, 1, 5), paris(2026, 1, 6), shut)
