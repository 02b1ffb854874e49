"""The mediator's eligibility, pure: each rule at its boundaries, and its properties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.business_calendar.spec import CalendarSpec
from pacte.complaints.eligibility import (
    ChainDates,
    EligibilityCode,
    mediator_eligibility,
)
from pacte.conftest import paris

PARIS_SPEC = CalendarSpec()
PARIS = ZoneInfo("Europe/Paris")
US = ZoneInfo("America/New_York")
TICK = timedelta(microseconds=1)


def last_instant(year: int, month: int, day: int, zone: ZoneInfo = PARIS) -> datetime:
    return datetime(year, month, day, 23, 59, 59, 999999, tzinfo=zone)


def judge(dates: ChainDates, at: datetime, spec: CalendarSpec = PARIS_SPEC) -> EligibilityCode:
    return mediator_eligibility(dates, at=at, spec=spec).code


# Level 2 filed, unanswered: 1 calendar month to the day.


def test_appeal_unanswered_one_month_to_the_day():
    dates = ChainDates(
        complaint_received_at=paris(2026, 1, 2, 9),
        complaint_answered_at=paris(2026, 1, 5, 9),
        appeal_filed_at=paris(2026, 1, 15, 10),
    )
    before = mediator_eligibility(dates, at=last_instant(2026, 2, 15), spec=PARIS_SPEC)
    assert (before.eligible, before.code) == (False, EligibilityCode.APPEAL_PENDING)
    assert before.eligible_from == paris(2026, 2, 16)
    assert before.conditional
    after = mediator_eligibility(dates, at=paris(2026, 2, 16), spec=PARIS_SPEC)
    assert (after.eligible, after.code) == (True, EligibilityCode.APPEAL_UNANSWERED)
    assert not after.conditional


def test_appeal_filed_on_31_january_opens_after_the_end_of_february():
    dates = ChainDates(
        complaint_received_at=paris(2026, 1, 2, 9), appeal_filed_at=paris(2026, 1, 31, 16)
    )
    # Level 1 unanswered too, but its 2 months end later (2 March).
    assert judge(dates, last_instant(2026, 2, 28)) == EligibilityCode.APPEAL_PENDING
    assert judge(dates, paris(2026, 3, 1)) == EligibilityCode.APPEAL_UNANSWERED
    assert mediator_eligibility(
        dates, at=paris(2026, 3, 1), spec=PARIS_SPEC
    ).eligible_from == paris(2026, 3, 1)


def test_appeal_answered_opens_at_the_answer():
    dates = ChainDates(
        complaint_received_at=paris(2026, 1, 2, 9),
        complaint_answered_at=paris(2026, 1, 6, 9),
        appeal_filed_at=paris(2026, 1, 10, 9),
        appeal_answered_at=paris(2026, 1, 20, 14, 30),
    )
    assert judge(dates, paris(2026, 1, 20, 14, 30) - TICK) == EligibilityCode.APPEAL_PENDING
    result = mediator_eligibility(dates, at=paris(2026, 1, 20, 14, 30), spec=PARIS_SPEC)
    assert (result.eligible, result.code) == (True, EligibilityCode.APPEAL_ANSWERED)
    assert result.eligible_from == paris(2026, 1, 20, 14, 30)


def test_appeal_answered_after_its_month_keeps_the_earlier_opening():
    dates = ChainDates(
        complaint_received_at=paris(2026, 1, 2, 9),
        complaint_answered_at=paris(2026, 1, 6, 9),
        appeal_filed_at=paris(2026, 1, 10, 9),
        appeal_answered_at=paris(2026, 3, 1, 9),
    )
    result = mediator_eligibility(dates, at=paris(2026, 3, 5), spec=PARIS_SPEC)
    assert result.code == EligibilityCode.APPEAL_UNANSWERED
    assert result.eligible_from == paris(2026, 2, 11)


# Level 1 unanswered: 2 calendar months.


def test_complaint_unanswered_two_months():
    dates = ChainDates(complaint_received_at=paris(2026, 1, 10, 11))
    before = mediator_eligibility(dates, at=last_instant(2026, 3, 10), spec=PARIS_SPEC)
    assert (before.eligible, before.code) == (False, EligibilityCode.COMPLAINT_PENDING)
    assert before.eligible_from == paris(2026, 3, 11)
    assert before.conditional
    assert judge(dates, paris(2026, 3, 11)) == EligibilityCode.COMPLAINT_UNANSWERED


def test_complaint_of_31_december_ends_with_february():
    dates = ChainDates(complaint_received_at=paris(2025, 12, 31, 11))
    assert judge(dates, last_instant(2026, 2, 28)) == EligibilityCode.COMPLAINT_PENDING
    assert judge(dates, paris(2026, 3, 1)) == EligibilityCode.COMPLAINT_UNANSWERED


def test_complaint_answered_on_the_last_day_sends_to_the_appeal():
    received = paris(2026, 1, 10, 11)
    in_time = ChainDates(
        complaint_received_at=received, complaint_answered_at=last_instant(2026, 3, 10)
    )
    result = mediator_eligibility(in_time, at=paris(2026, 4, 1), spec=PARIS_SPEC)
    assert (result.eligible, result.code) == (False, EligibilityCode.APPEAL_FIRST)
    assert result.eligible_from is None
    assert result.from_unknown is not None
    assert not result.conditional


def test_complaint_answered_after_two_months_keeps_the_right():
    late = ChainDates(
        complaint_received_at=paris(2026, 1, 10, 11), complaint_answered_at=paris(2026, 3, 11)
    )
    assert judge(late, paris(2026, 4, 1)) == EligibilityCode.COMPLAINT_UNANSWERED


# Always within 1 year of the written complaint.


def test_one_year_limit():
    dates = ChainDates(
        complaint_received_at=paris(2025, 3, 10, 10),
        complaint_answered_at=paris(2025, 3, 12, 10),
        appeal_filed_at=paris(2025, 4, 1, 10),
        appeal_answered_at=paris(2025, 4, 20, 10),
    )
    last = mediator_eligibility(dates, at=last_instant(2026, 3, 10), spec=PARIS_SPEC)
    assert (last.eligible, last.eligible_until) == (True, last_instant(2026, 3, 10))
    late = mediator_eligibility(dates, at=paris(2026, 3, 11), spec=PARIS_SPEC)
    assert (late.eligible, late.code) == (False, EligibilityCode.TOO_LATE)


def test_leap_day():
    # A complaint of 29 February 2024: its year ends on 28 February 2025.
    dates = ChainDates(
        complaint_received_at=paris(2024, 2, 29, 10), appeal_filed_at=paris(2024, 2, 29, 15)
    )
    assert judge(dates, last_instant(2024, 3, 29)) == EligibilityCode.APPEAL_PENDING
    assert judge(dates, paris(2024, 3, 30)) == EligibilityCode.APPEAL_UNANSWERED
    assert judge(dates, last_instant(2025, 2, 28)) == EligibilityCode.APPEAL_UNANSWERED
    assert judge(dates, paris(2025, 3, 1)) == EligibilityCode.TOO_LATE
    # 2 months from 29 December 2023 end on the leap day.
    unanswered = ChainDates(complaint_received_at=paris(2023, 12, 29, 10))
    assert judge(unanswered, last_instant(2024, 2, 29)) == EligibilityCode.COMPLAINT_PENDING
    assert judge(unanswered, paris(2024, 3, 1)) == EligibilityCode.COMPLAINT_UNANSWERED


def test_days_are_local_to_the_time_zone():
    # 23:30 UTC on 31 January is 1 February in Paris: the month ends on 1 March there.
    filed = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    dates = ChainDates(complaint_received_at=filed - timedelta(days=20), appeal_filed_at=filed)
    paris_result = mediator_eligibility(dates, at=filed, spec=PARIS_SPEC)
    assert paris_result.eligible_from == paris(2026, 3, 2)
    assert paris_result.eligible_from == datetime(2026, 3, 1, 23, 0, tzinfo=UTC)
    # In New York it is still 31 January: the month ends with February.
    new_york = CalendarSpec(timezone="America/New_York")
    us_result = mediator_eligibility(dates, at=filed, spec=new_york)
    assert us_result.eligible_from == datetime(2026, 3, 1, tzinfo=US)
    assert judge(dates, datetime(2026, 3, 1, 12, tzinfo=UTC), new_york) == (
        EligibilityCode.APPEAL_UNANSWERED
    )
    assert judge(dates, datetime(2026, 3, 1, 12, tzinfo=UTC)) == EligibilityCode.APPEAL_PENDING


def test_no_written_complaint_says_why():
    dates = ChainDates(
        complaint_received_at=None,
        appeal_filed_at=paris(2026, 1, 10),
        appeal_answered_at=paris(2026, 1, 20),
    )
    result = mediator_eligibility(dates, at=paris(2026, 2, 1), spec=PARIS_SPEC)
    assert (result.eligible, result.code) == (False, EligibilityCode.NO_WRITTEN_COMPLAINT)
    assert result.eligible_from is None
    assert result.eligible_until is None
    assert result.from_unknown
    assert result.until_unknown
    with translation.override("en"):
        assert "written complaint" in str(result.reason)


def test_naive_instant_refused():
    with pytest.raises(ValueError, match="aware"):
        mediator_eligibility(ChainDates(None), at=datetime(2026, 1, 1), spec=PARIS_SPEC)  # noqa: DTZ001


# Properties.

LOW = datetime(2020, 1, 1, tzinfo=UTC)
instants = st.integers(0, 6 * 365 * 24 * 3600).map(lambda s: LOW + timedelta(seconds=s))
gaps = st.integers(1, 500 * 24 * 3600).map(lambda s: timedelta(seconds=s))
maybe_gaps = st.none() | gaps
zones = st.sampled_from(("Europe/Paris", "America/New_York", "Pacific/Kiritimati", "UTC"))


@st.composite
def chains(draw: st.DrawFn) -> ChainDates:
    received = draw(instants)
    answered = draw(maybe_gaps)
    filed = draw(maybe_gaps)
    appeal_answer = draw(maybe_gaps) if filed is not None else None
    filed_at = received + filed if filed is not None else None
    return ChainDates(
        complaint_received_at=received,
        complaint_answered_at=received + answered if answered is not None else None,
        appeal_filed_at=filed_at,
        appeal_answered_at=filed_at + appeal_answer
        if filed_at is not None and appeal_answer is not None
        else None,
    )


@settings(max_examples=300, deadline=None)
@given(chains(), gaps, zones)
def test_eligible_exactly_between_from_and_until(dates, offset, zone):
    spec = CalendarSpec(timezone=zone)
    assert dates.complaint_received_at is not None
    at = dates.complaint_received_at + offset
    result = mediator_eligibility(dates, at=at, spec=spec)
    window = result.eligible_from is not None and result.eligible_until is not None
    assert result.eligible == (window and result.eligible_from <= at <= result.eligible_until)
    assert (result.eligible_from is None) == (result.from_unknown is not None)


@settings(max_examples=300, deadline=None)
@given(chains(), gaps, gaps, zones)
def test_once_eligible_stays_eligible_until_the_year_ends(dates, first, more, zone):
    spec = CalendarSpec(timezone=zone)
    assert dates.complaint_received_at is not None
    at = dates.complaint_received_at + first
    result = mediator_eligibility(dates, at=at, spec=spec)
    if result.eligible:
        later = mediator_eligibility(dates, at=at + more, spec=spec)
        assert later.eligible == (at + more <= result.eligible_until)


@settings(max_examples=200, deadline=None)
@given(chains(), zones)
def test_month_openings_fall_on_a_local_midnight(dates, zone):
    spec = CalendarSpec(timezone=zone)
    assert dates.complaint_received_at is not None
    result = mediator_eligibility(dates, at=dates.complaint_received_at, spec=spec)
    if result.eligible_from is not None and result.eligible_from != dates.appeal_answered_at:
        local = result.eligible_from.astimezone(spec.zone)
        assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    until = result.eligible_until
    assert until is not None
    local_until = until.astimezone(spec.zone)
    received = dates.complaint_received_at.astimezone(spec.zone).date()
    assert local_until.year == received.year + 1
    assert (local_until.month, local_until.day) in {(received.month, received.day), (2, 28)}
