"""Month results: aggregates in the database, targets, no-data indicators, breakdowns."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pacte.compliance.errors import ComplianceError
from pacte.compliance.indicators import REGISTRY, Dimension, computation_for
from pacte.compliance.selectors import (
    Tally,
    indicator_tallies,
    indicator_verdicts,
    month_results,
    target_met,
)
from pacte.compliance.tests.conftest import answer_at, case_at, indicator
from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel

DATA = Path(__file__).resolve().parents[2] / "commitments" / "data"
RECEIVED = paris(2026, 3, 9, 9)
IN_TIME = paris(2026, 3, 10, 15)
LATE = paris(2026, 3, 13, 15)
NOW = paris(2026, 4, 15, 12)


def build_march(cast, *, passed: int, failed: int) -> None:
    for _ in range(passed):
        answer_at(case_at(RECEIVED, team=cast.front), IN_TIME, actor=cast.agent)
    for _ in range(failed):
        answer_at(case_at(RECEIVED, team=cast.back, channel=Channel.WEB), LATE, actor=cast.agent)


def result(results, code):
    (found,) = [r for r in results if r.indicator_code == code]
    return found


def test_every_computation_of_the_scheme_data_is_in_the_library():
    names = {
        item["computation"]
        for path in DATA.glob("*.json")
        for commitment in json.loads(path.read_text())["commitments"]
        for item in commitment["indicators"]
    }
    assert names <= set(REGISTRY)
    assert computation_for("no_such_thing").no_data


def test_month_results_give_rate_and_met_from_the_database(cast, version):
    # given three requests answered in time and one late in March
    build_march(cast, passed=3, failed=1)
    # when March is computed
    results = month_results(scheme_version=version, year=2026, month=3, now=NOW)
    # then T3.1-a is 3/4 = 75 %, below its 95 % target, and says its scheme version
    t31 = result(results, "T3.1-a")
    assert (t31.numerator, t31.denominator, t31.rate, t31.target, t31.met) == (
        3,
        4,
        Decimal("75.00"),
        Decimal("95.00"),
        False,
    )
    assert (t31.scheme_code, t31.scheme_version, t31.commitment_code) == ("telecom-2004", 1, "T3.1")
    assert len(results) == sum(
        1 for _ in version.commitments.filter(active=True).values_list("indicators")
    )


def test_target_met_on_the_exact_rate_and_for_maximum_targets():
    tally = Tally(None, 2, 3)  # 66.666… %
    assert tally.rate == Decimal("66.67")
    assert target_met(tally=tally, target=Decimal("66.67"), target_is_maximum=False) is False
    assert target_met(tally=tally, target=Decimal("66.66"), target_is_maximum=False) is True
    assert target_met(tally=tally, target=Decimal("66.67"), target_is_maximum=True) is True
    assert target_met(tally=tally, target=Decimal("66.66"), target_is_maximum=True) is False
    assert target_met(tally=Tally(None, 0, 0), target=Decimal(5), target_is_maximum=True) is None


def test_edited_target_and_maximum_target_are_applied(cast, version):
    # given 3/4 and T3.1-a's target edited to "at most 80 %"
    build_march(cast, passed=3, failed=1)
    version.commitments.get(code="T3.1").indicators.filter(code="T3.1-a").update(
        target=Decimal("80.00"), target_is_maximum=True
    )
    # when computed / then 75 % ≤ 80 % is met
    t31 = result(month_results(scheme_version=version, year=2026, month=3, now=NOW), "T3.1-a")
    assert (t31.target, t31.target_is_maximum, t31.met) == (Decimal("80.00"), True, True)


def test_no_data_indicators_report_a_reason_and_no_number(cast, version):
    with translation.override("en"):
        results = month_results(scheme_version=version, year=2026, month=3, now=NOW)
    with translation.override("fr"):
        french = month_results(scheme_version=version, year=2026, month=3, now=NOW)
    wait = result(results, "T2.2-a")
    assert "quality evaluations (call listening" in wait.no_data
    assert "évaluations qualité" in result(french, "T2.2-a").no_data
    assert (wait.numerator, wait.denominator, wait.rate, wait.met) == (None, None, None, None)
    with pytest.raises(PacteError) as raised:
        indicator_verdicts(indicator=indicator("T2.2-a"), year=2026, month=3, now=NOW)
    assert raised.value.code == ComplianceError.NO_DATA


def test_empty_population_has_no_rate_and_no_verdict_on_target(cast, version):
    t31 = result(month_results(scheme_version=version, year=2026, month=3, now=NOW), "T3.1-a")
    assert (t31.numerator, t31.denominator, t31.rate, t31.met, t31.no_data) == (
        0,
        0,
        None,
        None,
        "",
    )


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        (Dimension.TEAM, [("back", 0, 1), ("front", 2, 2)]),
        (Dimension.CHANNEL, [("email", 2, 2), ("web", 0, 1)]),
        (Dimension.SITE, [("paris", 2, 3)]),
        (Dimension.MOTIVE, [("offer-change", 2, 3)]),
    ],
)
def test_breakdown_by_dimension(cast, dimension, expected):
    build_march(cast, passed=2, failed=1)
    tallies = indicator_tallies(
        indicator=indicator("T3.1-a"), year=2026, month=3, now=NOW, group_by=dimension
    )
    assert [(t.key, t.numerator, t.denominator) for t in tallies] == expected


def test_month_results_query_count_does_not_grow_with_cases(cast, version):
    # given a month with a few cases, then with many more
    build_march(cast, passed=1, failed=1)
    with CaptureQueriesContext(connection) as few:
        month_results(scheme_version=version, year=2026, month=3, now=NOW, cached=False)
    build_march(cast, passed=6, failed=4)
    with CaptureQueriesContext(connection) as many:
        results = month_results(scheme_version=version, year=2026, month=3, now=NOW, cached=False)
    # then the same number of queries, bounded by the indicators, not the cases: 2, and
    # for each indicator with data at most its aggregate and one read of what it needs
    # (its commitment's clock ids, the publication in force...)
    implemented = sum(1 for r in results if not r.no_data)
    assert len(few) == len(many)
    assert len(many) <= 2 + 2 * implemented
    assert result(results, "T3.1-a").denominator == 12
