"""The scalar deadline arithmetic on worked examples (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from pacte.business_calendar.arithmetic import (
    add_business_days,
    add_business_days_to_date,
    add_calendar_months,
    business_days_between,
    day_zero,
    end_of_local_day,
    is_business_day,
    next_business_day,
)
from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.tests.calendars import FR, FR_AM, PARIS, SPECS, paris
from pacte.business_calendar.tests.deadline_cases import CASES, DeadlineCase

NAIVE = datetime(2026, 3, 10, 10)  # noqa: DTZ001 - the point of the tests using it


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_deadline_matches_worked_example(case: DeadlineCase) -> None:
    # Given a receipt, when the deadline is computed
    deadline = add_business_days(case.received, case.days, SPECS[case.calendar])
    # then it is the expected local end of day, as an aware UTC datetime
    assert deadline.tzinfo is UTC
    assert deadline.astimezone(PARIS).isoformat() == case.expected


def test_deadline_after_spring_change_is_one_hour_earlier_in_utc() -> None:
    before = add_business_days(paris(2026, 3, 26, 10), 1, FR)
    after = add_business_days(paris(2026, 3, 27, 10), 1, FR)
    assert before == datetime(2026, 3, 27, 22, 59, 59, 999999, tzinfo=UTC)
    assert after == datetime(2026, 3, 30, 21, 59, 59, 999999, tzinfo=UTC)


def test_deadline_after_autumn_change_is_one_hour_later_in_utc() -> None:
    before = add_business_days(paris(2026, 10, 22, 10), 1, FR)
    after = add_business_days(paris(2026, 10, 23, 10), 1, FR)
    assert before == datetime(2026, 10, 23, 21, 59, 59, 999999, tzinfo=UTC)
    assert after == datetime(2026, 10, 26, 22, 59, 59, 999999, tzinfo=UTC)


def test_end_of_local_day_on_the_change_days() -> None:
    assert end_of_local_day(date(2026, 3, 29), FR) == datetime(
        2026, 3, 29, 21, 59, 59, 999999, tzinfo=UTC
    )
    assert end_of_local_day(date(2026, 10, 25), FR) == datetime(
        2026, 10, 25, 22, 59, 59, 999999, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("day", "national", "alsace_moselle"),
    [
        (date(2026, 4, 3), True, False),  # Good Friday
        (date(2026, 4, 6), False, False),  # Easter Monday
        (date(2026, 12, 26), False, False),  # a Saturday anyway
        (date(2025, 12, 26), True, False),  # a Friday
        (date(2026, 3, 10), True, True),  # an ordinary Tuesday
        (date(2026, 3, 8), False, False),  # a Sunday
    ],
)
def test_business_day_by_calendar(day: date, national: bool, alsace_moselle: bool) -> None:
    assert is_business_day(day, FR) is national
    assert is_business_day(day, FR_AM) is alsace_moselle


def test_next_business_day_is_strictly_after() -> None:
    assert next_business_day(date(2026, 3, 10), FR) == date(2026, 3, 11)
    assert next_business_day(date(2026, 4, 3), FR) == date(2026, 4, 7)
    assert next_business_day(date(2026, 4, 2), FR_AM) == date(2026, 4, 7)


def test_day_zero_is_the_receipt_day_before_closing() -> None:
    assert day_zero(paris(2026, 3, 10, 17, 59), FR) == date(2026, 3, 10)
    assert day_zero(paris(2026, 3, 10, 18), FR) == date(2026, 3, 11)


def test_closing_time_is_per_calendar() -> None:
    early = CalendarSpec(closing_time=time(12, 0))
    assert day_zero(paris(2026, 3, 10, 12), early) == date(2026, 3, 11)
    assert day_zero(paris(2026, 3, 10, 11, 59), early) == date(2026, 3, 10)


def test_working_week_is_per_calendar() -> None:
    with_saturday = CalendarSpec(weekmask="1111110")
    assert add_business_days(paris(2026, 3, 6, 10), 1, with_saturday) == end_of_local_day(
        date(2026, 3, 7), with_saturday
    )


def test_add_business_days_to_date_zero_is_the_start() -> None:
    assert add_business_days_to_date(date(2026, 3, 10), 0, FR) == date(2026, 3, 10)


def test_negative_days_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_days(paris(2026, 3, 10, 10), -1, FR)
    with pytest.raises(ValueError, match="negative"):
        add_business_days_to_date(date(2026, 3, 10), -1, FR)


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_business_days(NAIVE, 1, FR),
        lambda: day_zero(NAIVE, FR),
        lambda: business_days_between(NAIVE, paris(2026, 3, 10), FR),
        lambda: business_days_between(paris(2026, 3, 10), NAIVE, FR),
        lambda: add_calendar_months(NAIVE, 1, FR),
    ],
    ids=["add_business_days", "day_zero", "between_start", "between_end", "calendar_months"],
)
def test_naive_datetime_refused(call: object) -> None:
    with pytest.raises(ValueError, match="aware"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("received", "months", "expected"),
    [
        (paris(2026, 1, 31, 10), 1, "2026-02-28T23:59:59.999999+01:00"),
        (paris(2028, 1, 31, 10), 1, "2028-02-29T23:59:59.999999+01:00"),
        (paris(2026, 3, 15, 10), 1, "2026-04-15T23:59:59.999999+02:00"),
        (paris(2026, 11, 15, 10), 2, "2027-01-15T23:59:59.999999+01:00"),
        (paris(2026, 3, 31, 10), -1, "2026-02-28T23:59:59.999999+01:00"),
        (paris(2026, 8, 31, 22, 30), 1, "2026-09-30T23:59:59.999999+02:00"),
        (datetime(2026, 1, 31, 23, 30, tzinfo=UTC), 1, "2026-03-01T23:59:59.999999+01:00"),
    ],
)
def test_calendar_months_end_on_the_same_day_number_or_the_month_end(
    received: datetime, months: int, expected: str
) -> None:
    assert add_calendar_months(received, months, FR).astimezone(PARIS).isoformat() == expected


@pytest.mark.parametrize(
    ("start", "end", "spec", "expected"),
    [
        (paris(2026, 3, 10, 10), paris(2026, 3, 10, 23), FR, 0),
        (paris(2026, 3, 9, 10), paris(2026, 3, 13, 10), FR, 4),
        (paris(2026, 3, 13, 10), paris(2026, 3, 16, 10), FR, 1),
        (paris(2026, 3, 16, 10), paris(2026, 3, 13, 10), FR, -1),
        (paris(2026, 12, 23, 10), paris(2027, 1, 4, 10), FR, 6),
        (paris(2026, 12, 23, 10), paris(2027, 1, 4, 10), FR_AM, 6),
        (paris(2025, 12, 23, 10), paris(2026, 1, 5, 10), FR, 7),
        (paris(2025, 12, 23, 10), paris(2026, 1, 5, 10), FR_AM, 6),
        (paris(2025, 12, 31, 12), paris(2026, 12, 31, 12), FR, 252),
        (paris(2025, 12, 31, 12), paris(2026, 12, 31, 12), FR_AM, 251),
        (datetime(2026, 3, 9, 23, 30, tzinfo=UTC), paris(2026, 3, 10, 10), FR, 0),
    ],
)
def test_business_days_between_counts_local_days_after_start(
    start: datetime, end: datetime, spec: CalendarSpec, expected: int
) -> None:
    assert business_days_between(start, end, spec) == expected


def test_due_day_has_zero_business_days_left() -> None:
    received = paris(2026, 3, 10, 10)
    deadline = add_business_days(received, 5, FR)
    assert business_days_between(received, deadline, FR) == 5
    assert business_days_between(deadline, deadline, FR) == 0
