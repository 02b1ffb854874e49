"""Hypothesis strategies for receipts and calendars (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from pacte.business_calendar.spec import CalendarSpec
from pacte.business_calendar.tests.calendars import FR, FR_AM, TRICKY_ZONES, micros

LOW = micros(datetime(1995, 1, 1, tzinfo=UTC))
HIGH = micros(datetime(2075, 1, 1, tzinfo=UTC))
QUARTER_HOUR = 15 * 60 * 1_000_000

#: Microseconds since 1970: anywhere, or on a quarter hour give or take one
#: microsecond (where closing times, midnights and offset changes fall).
instant_micros = st.one_of(
    st.integers(LOW, HIGH),
    st.builds(
        lambda quarter, jitter: quarter * QUARTER_HOUR + jitter,
        st.integers(LOW // QUARTER_HOUR, HIGH // QUARTER_HOUR),
        st.sampled_from((-1, 0, 1)),
    ),
)
business_days = st.integers(0, 60)
weekmasks = st.text("01", min_size=7, max_size=7).filter(lambda mask: "1" in mask)


@st.composite
def specs_near(draw: st.DrawFn, around: datetime) -> CalendarSpec:
    """FR, FR-AM, or a random calendar whose holidays fall in the weeks after ``around``."""
    if draw(st.booleans()):
        return draw(st.sampled_from((FR, FR_AM)))
    start = around.date()
    offsets = draw(st.sets(st.integers(-3, 60), max_size=25))
    holidays: frozenset[date] = frozenset(start + timedelta(days=k) for k in offsets)
    return CalendarSpec(
        timezone=draw(st.sampled_from(TRICKY_ZONES)),
        weekmask=draw(weekmasks),
        closing_time=draw(st.times()),
        holidays=holidays,
    )
