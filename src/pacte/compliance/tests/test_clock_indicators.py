"""Per-case verdicts of the clock-based indicators against hand-built cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pacte.business_calendar.models import Calendar, HolidaySource
from pacte.cases.models import Clock
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts
from pacte.compliance.tests.conftest import (
    answer_at,
    case_at,
    clock_of,
    commit_at,
    indicator,
)
from pacte.conftest import paris
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import CustomerFactory, MotiveFactory, SiteFactory, TeamFactory

ONE_US = timedelta(microseconds=1)
ONE_MINUTE = timedelta(minutes=1)
# An email request received on Monday 9 March 2026 is due two business days later.
RECEIVED = paris(2026, 3, 9, 9)
DUE = paris(2026, 3, 11, 23, 59, 59, 999999)
LATER = paris(2026, 3, 18, 23, 59, 59, 999999)
AFTER_MONTH = paris(2026, 4, 15, 12)


def march_verdicts(code: str = "T3.1-a", *, now=AFTER_MONTH):
    return indicator_verdicts(indicator=indicator(code), year=2026, month=3, now=now)


def only_verdict(code: str = "T3.1-a", *, now=AFTER_MONTH) -> Any:
    (row,) = march_verdicts(code, now=now)
    return row


@pytest.mark.parametrize(
    ("answered_at", "verdict", "reason"),
    [
        (DUE, Verdict.PASS, Reason.ANSWERED_IN_TIME),
        (DUE + ONE_US, Verdict.FAIL, Reason.ANSWERED_LATE),
    ],
    ids=["last-microsecond-of-due-day", "one-microsecond-late"],
)
def test_answer_on_the_due_day_boundary(cast, answered_at, verdict, reason):
    # given an email request due on Wednesday end of day
    case = case_at(RECEIVED, team=cast.front)
    assert clock_of(case, "T3.1").due_at == DUE
    # when answered at the boundary
    answer_at(case, answered_at, actor=cast.agent)
    # then the verdict falls on the right side, with its reason
    row = only_verdict()
    assert (row.verdict, row.reason_code) == (verdict, reason)
    assert row.reason == str(reason.label)


def test_new_deadline_told_one_minute_before_expiry_is_the_one_judged(cast):
    # given a request whose customer is told of a new deadline a minute before expiry
    case = case_at(RECEIVED, team=cast.front)
    commit_at(case, told_at=DUE - ONE_MINUTE, new_due_at=LATER, actor=cast.agent)
    # when answered after the first deadline but by the new one
    answer_at(case, LATER - ONE_MINUTE, actor=cast.agent)
    # then it passes against the new deadline
    row = only_verdict()
    assert row.effective_due_at == LATER
    assert (row.verdict, row.reason_code) == (Verdict.PASS, Reason.ANSWERED_BY_NEW_DEADLINE)


def test_new_deadline_told_one_minute_after_expiry_changes_nothing(cast):
    # given a new deadline told a minute after the first one expired
    case = case_at(RECEIVED, team=cast.front)
    commit_at(case, told_at=DUE + ONE_MINUTE, new_due_at=LATER, actor=cast.agent)
    # when answered by the new deadline
    answer_at(case, LATER - ONE_MINUTE, actor=cast.agent)
    # then it is judged against the first and fails
    row = only_verdict()
    assert row.effective_due_at == DUE
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.ANSWERED_LATE)


def test_bill_requests_are_not_in_the_request_population(cast):
    # given a bill question and an ordinary request, both answered in time
    bill = MotiveFactory.create(code="bill-question", billing=True)
    billed = case_at(RECEIVED, team=cast.front, motive=bill)
    ordinary = case_at(RECEIVED, team=cast.front)
    answer_at(billed, DUE - ONE_MINUTE, actor=cast.agent)
    answer_at(ordinary, DUE - ONE_MINUTE, actor=cast.agent)
    # when T3.1 is judged / then only the ordinary request is in it
    assert [row.case_id for row in march_verdicts()] == [ordinary.pk]
    assert not Clock.objects.filter(case=billed, commitment__code="T3.1").exists()


def test_clock_due_next_month_is_not_in_this_month(cast):
    # given a request received on Monday 30 March, due on Wednesday 1 April
    case = case_at(paris(2026, 3, 30, 9), team=cast.front)
    answer_at(case, paris(2026, 3, 31, 10), actor=cast.agent)
    # when March and April are judged / then it belongs to April only
    assert not march_verdicts().exists()
    april = indicator_verdicts(indicator=indicator("T3.1-a"), year=2026, month=4, now=AFTER_MONTH)
    assert [row.verdict for row in april] == [Verdict.PASS]


def test_unanswered_clock_not_yet_due_is_in_no_month_yet(cast):
    # given an unanswered request, judged before and after its deadline
    case_at(RECEIVED, team=cast.front)
    before, after = DUE, DUE + ONE_US
    # when judged at its last instant / then excluded from the population
    row = only_verdict(now=before)
    assert (row.verdict, row.reason_code) == (Verdict.EXCLUDED, Reason.NOT_YET_DUE)
    tally = indicator_tallies(indicator=indicator("T3.1-a"), year=2026, month=3, now=before)
    assert (tally[0].numerator, tally[0].denominator) == (0, 0)
    # when judged a microsecond later / then a failure
    row = only_verdict(now=after)
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.UNANSWERED_PAST_DEADLINE)


def test_answer_recorded_after_now_does_not_count_yet(cast):
    # given a request answered on time, judged as of before the answer
    case = case_at(RECEIVED, team=cast.front)
    answer_at(case, DUE - ONE_MINUTE, actor=cast.agent)
    # when judged before the answer / then not yet due, so excluded
    assert only_verdict(now=DUE - 2 * ONE_MINUTE).verdict == Verdict.EXCLUDED


def test_deadline_on_last_local_instant_of_month_belongs_to_that_month(cast):
    # given a request due Tuesday 30 June 23:59:59.999999 Paris (21:59:59.999999 UTC)
    case = case_at(paris(2026, 6, 26, 10), team=cast.front)
    assert clock_of(case, "T3.1").due_at == paris(2026, 6, 30, 23, 59, 59, 999999)
    answer_at(case, paris(2026, 6, 30, 23, 59), actor=cast.agent)
    # when June and July are judged / then it is June's
    now = paris(2026, 8, 1)
    june = indicator_verdicts(indicator=indicator("T3.1-a"), year=2026, month=6, now=now)
    july = indicator_verdicts(indicator=indicator("T3.1-a"), year=2026, month=7, now=now)
    assert [row.verdict for row in june] == [Verdict.PASS]
    assert not july.exists()


def test_month_is_read_in_the_site_time_zone(cast):
    # given a site in Guadeloupe (UTC-4): its 30 June end of day is 1 July 03:59 UTC
    calendar = Calendar.objects.create(
        code="GP",
        name="Guadeloupe",
        timezone="America/Guadeloupe",
        holiday_source=HolidaySource.FRANCE,
    )
    site = SiteFactory.create(code="pointe-a-pitre", calendar=calendar)
    team = TeamFactory.create(code="gp-front", site=site)
    case = case_at(paris(2026, 6, 26, 16), team=team)
    assert clock_of(case, "T3.1").due_at == datetime(2026, 7, 1, 3, 59, 59, 999999, tzinfo=UTC)
    # when June and July are judged / then the case is June's, by local time
    now = paris(2026, 8, 1)
    june = indicator_verdicts(indicator=indicator("T3.1-a"), year=2026, month=6, now=now)
    july = indicator_verdicts(indicator=indicator("T3.1-a"), year=2026, month=7, now=now)
    assert [row.case_id for row in june] == [case.pk]
    assert not july.exists()


@pytest.mark.parametrize(
    ("code", "commitment", "extra"),
    [
        ("T6.3-a", "T6.3", {"channel": Channel.LETTER, "kind": CaseKind.COMPLAINT}),
        ("T5.2-b", "T5.2", {"channel": Channel.LETTER, "kind": CaseKind.BILL_DISPUTE}),
        ("T5.2-a", "T5.2", {"channel": Channel.LETTER, "kind": CaseKind.BILL_DISPUTE}),
        ("T6.2-a", "T6.2", {"fraud_victim": True}),
    ],
)
def test_other_clock_indicators_judge_their_commitment_clock(cast, code, commitment, extra):
    # given a case carrying the commitment's clock, answered by its deadline
    if extra.pop("fraud_victim", False):
        extra["customer"] = CustomerFactory.create(fraud_victim=True)
        # (T6.2 checks the dedicated team too: the site has one, the case goes there)
        TeamFactory.create(code="fraud-victims", handles_fraud_victims=True)
    case = case_at(RECEIVED, team=cast.front, **extra)
    clock = clock_of(case, commitment)
    answer_at(case, clock.due_at, actor=cast.agent)
    # when its indicator is judged for March / then it passes
    (row,) = march_verdicts(code)
    assert (row.case_id, row.verdict) == (case.pk, Verdict.PASS)


def test_bill_dispute_answered_late_still_counts_as_answered(cast):
    # given a bill dispute answered a day late
    case = case_at(RECEIVED, team=cast.front, channel=Channel.LETTER, kind=CaseKind.BILL_DISPUTE)
    answer_at(case, clock_of(case, "T5.2").due_at + timedelta(days=1), actor=cast.agent)
    # when both T5.2 indicators are judged / then answered, but not in time
    assert only_verdict("T5.2-a").reason_code == Reason.ANSWERED
    assert only_verdict("T5.2-b").verdict == Verdict.FAIL
