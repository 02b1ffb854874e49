"""Properties of the clocks in hours, against a slow, obviously-correct oracle."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.business_calendar.arithmetic import is_business_day
from pacte.business_calendar.hours import add_elapsed_hours, add_opening_hours, hours_between
from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.tests.calendars import FR, TRICKY_ZONES, from_micros, micros
from pacte.business_calendar.tests.strategies import instant_micros, weekmasks

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)
QUARTER = timedelta(minutes=15)
spans = st.integers(0, 400).map(lambda quarters: quarters * QUARTER)
starts = instant_micros.map(from_micros)


@st.composite
def opening_specs(draw: st.DrawFn) -> CalendarSpec:
    if draw(st.booleans()):
        return FR
    opening = draw(st.times(max_value=time(22)))
    closing = draw(st.times(min_value=opening)).replace(microsecond=0)
    if closing <= opening:
        closing = time(23, 59)
    return CalendarSpec(
        timezone=draw(st.sampled_from(TRICKY_ZONES)),
        weekmask=draw(weekmasks),
        opening_time=opening,
        closing_time=closing,
    )


def oracle_open(instant: datetime, spec: CalendarSpec) -> bool:
    """Whether the site is open at ``instant``, read on the local wall clock."""
    local = instant.astimezone(ZoneInfo(spec.timezone))
    return is_business_day(local.date(), spec) and (
        spec.opening_time <= local.time().replace(tzinfo=None) < spec.closing_time
    )


@PROPERTY_SETTINGS
@given(starts, spans, spans)
def test_elapsed_hours_are_additive_and_monotonic(start, first, second):
    assert add_elapsed_hours(add_elapsed_hours(start, first), second) == add_elapsed_hours(
        start, first + second
    )
    assert add_elapsed_hours(start, min(first, second)) <= add_elapsed_hours(
        start, max(first, second)
    )
    assert hours_between(start, add_elapsed_hours(start, first)) * 3600 == first.total_seconds()


@PROPERTY_SETTINGS
@given(starts, spans, spans, opening_specs())
def test_opening_hours_are_monotonic_additive_and_measured_back(start, first, second, spec):
    shorter, longer = sorted((first, second))
    assert add_opening_hours(start, shorter, spec) <= add_opening_hours(start, longer, spec)
    later = add_opening_hours(add_opening_hours(start, first, spec), second, spec)
    if first:
        assert later == add_opening_hours(start, first + second, spec)
    due = add_opening_hours(start, first, spec)
    assert abs(hours_between(start, due, spec) * 3600 - first.total_seconds()) < 1e-3
    assert due >= start.astimezone(UTC)


@settings(max_examples=30, deadline=None, database=None)
@given(
    st.integers(micros(datetime(2026, 1, 1, tzinfo=UTC)), micros(datetime(2027, 1, 1, tzinfo=UTC))),
    st.integers(1, 48),
)
def test_opening_hours_match_a_minute_by_minute_walk(start_micros, hours):
    # Given a start on a whole minute in 2026, a year with both changes, in Paris
    start = from_micros(start_micros - start_micros % 60_000_000)
    # When the oracle walks minute by minute, counting the open ones
    minute, left, instant = timedelta(minutes=1), hours * 60, start
    while left:
        if oracle_open(instant, FR):
            left -= 1
        instant += minute
    # Then the last counted minute ends where the arithmetic says
    assert add_opening_hours(start, hours, FR) == instant
