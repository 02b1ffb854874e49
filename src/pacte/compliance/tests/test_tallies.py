"""Kept monthly tallies: used for settled months, forgotten when a clock of the month is
written, never used for the current month nor for closing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pacte.cases.models import ClockMonthChange
from pacte.commitments.models import Indicator
from pacte.compliance.closing import month_close
from pacte.compliance.models import MonthTally
from pacte.compliance.selectors import month_results
from pacte.compliance.tallies import month_settled, tallies_forget
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.conftest import paris
from pacte.core.vocabulary import Channel

RECEIVED = paris(2026, 3, 2, 9)  # T3.1 deadline in March
IN_TIME = paris(2026, 3, 4, 15)
LATE = paris(2026, 3, 20, 15)
NOW = paris(2026, 4, 15, 12)


def t31(results):
    (found,) = [r for r in results if r.indicator_code == "T3.1-a"]
    return found


def march(version, now=NOW, **options):
    return month_results(scheme_version=version, year=2026, month=3, now=now, **options)


@pytest.mark.parametrize(
    ("now", "settled"),
    [
        (paris(2026, 3, 31, 23, 59), False),
        (paris(2026, 4, 1, 13, 59), False),  # 11:59 UTC: still March somewhere (UTC-12)
        (paris(2026, 4, 1, 16, 0), True),
    ],
)
def test_a_month_is_settled_once_over_in_every_time_zone(now, settled):
    assert month_settled(year=2026, month=3, now=now) is settled


def test_a_settled_month_is_computed_once_then_read_from_its_tallies(cast, version):
    # given March with one answer in time and one unanswered written case
    answer_at(case_at(RECEIVED, team=cast.front), IN_TIME, actor=cast.agent)
    case_at(RECEIVED, team=cast.back, channel=Channel.WEB)
    # when March is read twice in April
    first = march(version)
    with CaptureQueriesContext(connection) as second_queries:
        second = march(version)
    # then the tallies were kept, the figures agree, and the second read scanned no clock
    assert MonthTally.objects.filter(indicator_code="T3.1-a", year=2026, month=3).exists()
    assert (t31(first).numerator, t31(first).denominator) == (1, 2)
    assert [(r.numerator, r.denominator, r.met) for r in first] == [
        (r.numerator, r.denominator, r.met) for r in second
    ]
    assert not any('"cases_clock"' in query["sql"] for query in second_queries.captured_queries)


def test_a_clock_written_in_a_kept_month_makes_the_next_read_recompute(cast, version):
    # given March read (and kept) with one case still unanswered
    waiting = case_at(RECEIVED, team=cast.front)
    assert (t31(march(version)).numerator, t31(march(version)).denominator) == (0, 1)
    # when the case is answered late, in April
    answer_at(waiting, paris(2026, 4, 10, 10), actor=cast.agent)
    # then the change of March's clock was recorded, and the next read sees it
    assert ClockMonthChange.objects.filter(year=2026, month=3).exists()
    answered_at_all = [r for r in march(version) if r.indicator_code == "T5.2-b"]
    assert not ClockMonthChange.objects.filter(year=2026, month=3).exists()
    result = t31(march(version))
    assert (result.numerator, result.denominator) == (0, 1)
    assert all(r.denominator is not None for r in answered_at_all)


def test_the_current_month_is_never_kept(cast, version):
    answer_at(case_at(RECEIVED, team=cast.front), IN_TIME, actor=cast.agent)
    march(version, now=paris(2026, 3, 25, 12))
    assert not MonthTally.objects.exists()


def test_uncached_reads_and_closing_ignore_a_wrong_tally(cast, version):
    # given March kept, then a kept tally that does not match the clocks
    answer_at(case_at(RECEIVED, team=cast.front), IN_TIME, actor=cast.agent)
    march(version)
    MonthTally.objects.filter(indicator_code="T3.1-a").update(numerator=0, denominator=9)
    # then a cached read shows it, an uncached read and the closing do not
    assert t31(march(version)).denominator == 9
    assert t31(march(version, cached=False)).denominator == 1
    closing = month_close(
        scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=NOW
    )
    (sealed,) = [r for r in closing.results if r["indicator_code"] == "T3.1-a"]
    assert (sealed["numerator"], sealed["denominator"]) == (1, 1)


def test_tallies_forget_empties_the_cache(cast, version):
    answer_at(case_at(RECEIVED, team=cast.front), IN_TIME, actor=cast.agent)
    march(version)
    case_at(RECEIVED, team=cast.back)
    assert MonthTally.objects.exists()
    assert ClockMonthChange.objects.exists()
    tallies_forget()
    assert not MonthTally.objects.exists()
    assert not ClockMonthChange.objects.exists()


def test_tallies_are_kept_per_indicator_and_computation(cast, version):
    answer_at(case_at(RECEIVED, team=cast.front), IN_TIME, actor=cast.agent)
    march(version)
    implemented = [r for r in march(version) if not r.no_data]
    kept = MonthTally.objects.filter(scheme_version=version, year=2026, month=3)
    assert sorted(kept.values_list("indicator_code", flat=True)) == sorted(
        r.indicator_code for r in implemented
    )
    assert "T3.1-a" in {r.indicator_code for r in implemented}
    codes = set(
        Indicator.objects.filter(commitment__version=version).values_list("code", flat=True)
    )
    assert set(kept.values_list("indicator_code", flat=True)) <= codes
