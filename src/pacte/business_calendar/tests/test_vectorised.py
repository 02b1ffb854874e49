"""The vectorised deadlines give the scalar results, to the microsecond (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.business_calendar.arithmetic import add_business_days, day_zero, end_of_local_day
from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.tests.calendars import (
    FR,
    FR_AM,
    PARIS,
    SPECS,
    TRICKY_ZONES,
    from_micros,
    paris,
)
from pacte.business_calendar.tests.deadline_cases import CASES
from pacte.business_calendar.tests.strategies import business_days, instant_micros, specs_near
from pacte.business_calendar.vectorised import (
    add_business_days_batch,
    day_zero_batch,
    end_of_local_day_batch,
    from_utc_array,
    to_utc_array,
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None)


@pytest.mark.parametrize("calendar", sorted(SPECS))
def test_batch_matches_every_worked_example(calendar: str) -> None:
    cases = [case for case in CASES if case.calendar == calendar]
    received = to_utc_array(case.received for case in cases)
    days = np.array([case.days for case in cases])
    deadlines = from_utc_array(add_business_days_batch(received, days, SPECS[calendar]))
    assert [d.astimezone(PARIS).isoformat() for d in deadlines] == [c.expected for c in cases]


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[datetime], list[int], CalendarSpec]:
    received = [from_micros(us) for us in draw(st.lists(instant_micros, min_size=1, max_size=40))]
    days = draw(st.lists(business_days, min_size=len(received), max_size=len(received)))
    return received, days, draw(specs_near(min(received)))


@PROPERTY_SETTINGS
@given(batches())
def test_batch_agrees_with_scalar_on_random_receipts(
    batch: tuple[list[datetime], list[int], CalendarSpec],
) -> None:
    received, days, spec = batch
    expected = [add_business_days(r, n, spec) for r, n in zip(received, days, strict=True)]
    assert from_utc_array(add_business_days_batch(to_utc_array(received), days, spec)) == expected


@PROPERTY_SETTINGS
@given(st.lists(instant_micros, min_size=1, max_size=40), st.sampled_from(TRICKY_ZONES))
def test_day_zero_batch_agrees_with_scalar_in_every_zone(received: list[int], zone: str) -> None:
    spec = CalendarSpec(timezone=zone)
    instants = [from_micros(us) for us in received]
    days = day_zero_batch(to_utc_array(instants), spec)
    assert days.astype(object).tolist() == [day_zero(instant, spec) for instant in instants]


@PROPERTY_SETTINGS
@given(st.lists(st.dates(date(1995, 1, 1), date(2075, 12, 31)), min_size=1), st.data())
def test_end_of_local_day_batch_agrees_with_scalar(days: list[date], data: st.DataObject) -> None:
    spec = CalendarSpec(timezone=data.draw(st.sampled_from(TRICKY_ZONES)))
    ends = end_of_local_day_batch(np.array(days, dtype="datetime64[D]"), spec)
    assert from_utc_array(ends) == [end_of_local_day(day, spec) for day in days]


def test_batch_handles_the_day_samoa_skipped() -> None:
    spec = CalendarSpec(timezone="Pacific/Apia", weekmask="1111111")
    received = [datetime(2011, 12, 29, 9, 59, 59, 999999, tzinfo=UTC) + timedelta(hours=h)
                for h in range(-30, 30)]  # fmt: skip
    expected = [add_business_days(r, 1, spec) for r in received]
    assert from_utc_array(add_business_days_batch(to_utc_array(received), 1, spec)) == expected


def test_one_day_count_applies_to_every_receipt() -> None:
    received = to_utc_array([paris(2026, 3, 10, 10), paris(2026, 3, 10, 19)])
    deadlines = from_utc_array(add_business_days_batch(received, 1, FR))
    assert deadlines == [
        end_of_local_day(date(2026, 3, 11), FR),
        end_of_local_day(date(2026, 3, 12), FR),
    ]


def test_days_broadcast_against_receipts() -> None:
    received = to_utc_array([paris(2026, 4, 2, 10)])
    deadlines = add_business_days_batch(received, np.array([[0], [1]]), FR_AM)
    assert deadlines.shape == (2, 1)
    assert from_utc_array(deadlines) == [
        end_of_local_day(date(2026, 4, 2), FR_AM),
        end_of_local_day(date(2026, 4, 7), FR_AM),
    ]


def test_nanosecond_input_is_read_as_microseconds() -> None:
    received = to_utc_array([paris(2026, 3, 10, 17, 59)]).astype("datetime64[ns]")
    assert from_utc_array(add_business_days_batch(received, 0, FR)) == [
        end_of_local_day(date(2026, 3, 10), FR)
    ]


def test_empty_batch_gives_empty_deadlines() -> None:
    empty = to_utc_array([])
    assert add_business_days_batch(empty, 3, FR).shape == (0,)
    assert add_business_days_batch(empty, 3, FR).dtype == np.dtype("datetime64[us]")
    assert end_of_local_day_batch(np.array([], dtype="datetime64[D]"), FR).shape == (0,)


def test_batch_refuses_negative_days() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_days_batch(to_utc_array([paris(2026, 3, 10)]), [1, -1], FR)


def test_batch_refuses_fractional_days() -> None:
    with pytest.raises(TypeError, match="integers"):
        add_business_days_batch(to_utc_array([paris(2026, 3, 10)]), 1.5, FR)


def test_batch_refuses_nat() -> None:
    with pytest.raises(ValueError, match="NaT"):
        add_business_days_batch(np.array(["NaT"], dtype="datetime64[us]"), 1, FR)


def test_batch_refuses_numbers_for_instants() -> None:
    with pytest.raises(TypeError, match="datetime64"):
        add_business_days_batch(np.array([1, 2]), 1, FR)


def test_to_utc_array_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        to_utc_array([datetime(2026, 3, 10, 10)])  # noqa: DTZ001 - the point of the test


def test_utc_array_round_trip_keeps_the_instant() -> None:
    instants = [paris(2026, 10, 25, 2, 30), datetime(1999, 12, 31, 23, 59, 59, 1, tzinfo=UTC)]
    back = from_utc_array(to_utc_array(instants))
    assert back == [instant.astimezone(UTC) for instant in instants]
    assert all(instant.tzinfo is UTC for instant in back)
