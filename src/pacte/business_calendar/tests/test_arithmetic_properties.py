"""Properties of the scalar arithmetic, against slow, obviously-correct oracles."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.business_calendar.arithmetic import add_business_days, business_days_between
from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.tests.calendars import FR, FR_AM, MICROSECOND, PARIS, from_micros
from pacte.business_calendar.tests.strategies import business_days, instant_micros, specs_near

ONE_DAY = timedelta(days=1)
PROPERTY_SETTINGS = settings(max_examples=400, deadline=None, database=None)


def is_open(day: date, spec: CalendarSpec) -> bool:
    return spec.weekmask[day.weekday()] == "1" and day not in spec.holidays


def oracle_deadline(received_at: datetime, days: int, spec: CalendarSpec) -> datetime:
    """The rule read literally, walking the local calendar one day at a time."""
    zone = ZoneInfo(spec.timezone)
    local = received_at.astimezone(zone)
    day = local.date()
    counts_today = is_open(day, spec) and local.time() < spec.closing_time
    if not counts_today:
        day += ONE_DAY
        while not is_open(day, spec):
            day += ONE_DAY
    left = days
    while left > 0:
        day += ONE_DAY
        if is_open(day, spec):
            left -= 1
    end = datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=zone)
    return end.astimezone(UTC)


def oracle_between(start: datetime, end: datetime, spec: CalendarSpec) -> int:
    """Business days d with local(start) < d <= local(end), walking day by day."""
    zone = ZoneInfo(spec.timezone)
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    sign = 1 if first <= last else -1
    low, high = min(first, last), max(first, last)
    count, day = 0, low + ONE_DAY
    while day <= high:
        count += is_open(day, spec)
        day += ONE_DAY
    return sign * count


@st.composite
def receipts(draw: st.DrawFn) -> tuple[datetime, int, CalendarSpec]:
    received_at = from_micros(draw(instant_micros))
    return received_at, draw(business_days), draw(specs_near(received_at))


@PROPERTY_SETTINGS
@given(receipts())
def test_deadline_agrees_with_day_by_day_oracle(
    receipt: tuple[datetime, int, CalendarSpec],
) -> None:
    received_at, days, spec = receipt
    assert add_business_days(received_at, days, spec) == oracle_deadline(received_at, days, spec)


@PROPERTY_SETTINGS
@given(instant_micros, business_days, st.sampled_from((FR, FR_AM)))
def test_deadline_is_the_last_microsecond_of_a_paris_business_day(
    received: int, days: int, spec: CalendarSpec
) -> None:
    deadline = add_business_days(from_micros(received), days, spec)
    local = deadline.astimezone(PARIS)
    assert is_open(local.date(), spec)
    assert (deadline + MICROSECOND).astimezone(PARIS).date() == local.date() + ONE_DAY
    assert deadline > from_micros(received)


@PROPERTY_SETTINGS
@given(instant_micros, business_days, st.sampled_from((FR, FR_AM)))
def test_deadline_leaves_n_business_days_or_n_plus_one_after_closing(
    received: int, days: int, spec: CalendarSpec
) -> None:
    received_at = from_micros(received)
    local = received_at.astimezone(PARIS)
    counts_today = is_open(local.date(), spec) and local.time() < spec.closing_time
    left = business_days_between(received_at, add_business_days(received_at, days, spec), spec)
    assert left == (days if counts_today else days + 1)


@PROPERTY_SETTINGS
@given(instant_micros, instant_micros, business_days, st.sampled_from((FR, FR_AM)))
def test_deadline_never_moves_back_for_a_later_receipt_or_more_days(
    first: int, second: int, days: int, spec: CalendarSpec
) -> None:
    early, late = from_micros(min(first, second)), from_micros(max(first, second))
    assert add_business_days(early, days, spec) <= add_business_days(late, days, spec)
    assert add_business_days(early, days, spec) < add_business_days(early, days + 1, spec)


@PROPERTY_SETTINGS
@given(instant_micros, st.integers(-800 * 86_400_000_000, 800 * 86_400_000_000), st.data())
def test_business_days_between_agrees_with_day_by_day_oracle(
    start: int, span: int, data: st.DataObject
) -> None:
    start_at, end_at = from_micros(start), from_micros(start + span)
    spec = data.draw(specs_near(min(start_at, end_at)))
    assert business_days_between(start_at, end_at, spec) == oracle_between(start_at, end_at, spec)
