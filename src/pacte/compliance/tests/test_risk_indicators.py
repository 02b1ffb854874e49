"""T4.2-a (measures carry a written motive) and T4.2-b (share lifted as unfounded, at
most 5 %: a maximum target, so the rate counts the false positives)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from pacte.cases.models import CaseEvent, EventKind
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import REGISTRY
from pacte.compliance.selectors import indicator_tallies, indicator_verdicts, target_met
from pacte.compliance.tests.conftest import indicator
from pacte.conftest import paris
from pacte.factories import LineFactory
from pacte.operations.risk import risk_measure_lift, risk_measure_take

NOW = paris(2026, 4, 2, 12)


@pytest.fixture
def take(cast):
    def make(at, *, measure="restriction", line=None):
        with time_machine.travel(at, tick=False):
            return risk_measure_take(
                line=line or LineFactory.create(),
                measure=measure,
                motive="Calls to premium numbers at night",
                actor=cast.supervisor,
                team=cast.front,
            )

    return make


def lift(cast, case, at, *, unfounded):
    with time_machine.travel(at, tick=False):
        return risk_measure_lift(
            case=case, reason="Checked", unfounded=unfounded, actor=cast.supervisor
        )


def rows(code, month=3):
    return list(indicator_verdicts(indicator=indicator(code), year=2026, month=month, now=NOW))


def tally(code, month=3):
    (found,) = indicator_tallies(indicator=indicator(code), year=2026, month=month, now=NOW)
    return found


def test_both_indicators_have_data_now():
    assert REGISTRY["risk_measure_motivated"].implemented
    assert REGISTRY["risk_measure_false_positive_rate"].implemented


def test_a_measure_taken_with_its_motive_passes_in_the_month_it_was_taken(cast, take):
    case = take(paris(2026, 3, 31, 23, 30))  # Paris time: still March
    (row,) = rows("T4.2-a")
    assert (row.case_id, row.verdict, row.reason_code) == (
        case.pk,
        Verdict.PASS,
        Reason.RISK_MOTIVE_WRITTEN,
    )
    assert rows("T4.2-a", month=4) == []


def test_a_measure_imported_without_motive_fails(cast, take):
    # given a measure recorded around the service (an import of older data)
    case = take(paris(2026, 3, 10))
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.MEASURE_TAKEN,
        at=paris(2026, 3, 11),
        body="  ",
        data={"measure": "restriction", "line": 0, "msisdn": "", "motive": ""},
    )
    verdicts = {(row.verdict, row.reason_code) for row in rows("T4.2-a")}
    assert verdicts == {
        (Verdict.PASS, Reason.RISK_MOTIVE_WRITTEN),
        (Verdict.FAIL, Reason.RISK_MOTIVE_MISSING),
    }
    found = tally("T4.2-a")
    assert (found.numerator, found.denominator, found.rate) == (1, 2, Decimal("50.00"))


def test_the_false_positive_rate_counts_the_unfounded_lifts_against_a_maximum(cast, take):
    # given 20 measures lifted in March, one of them as unfounded
    cases = [take(paris(2026, 2, 20)) for _ in range(20)]
    for number, case in enumerate(cases):
        lift(cast, case, paris(2026, 3, 5 + number % 20, 10), unfounded=number == 0)
    by_reason = {row.case_id: (row.verdict, row.reason_code) for row in rows("T4.2-b")}
    assert by_reason[cases[0].pk] == (Verdict.PASS, Reason.RISK_LIFTED_UNFOUNDED)
    assert by_reason[cases[1].pk] == (Verdict.FAIL, Reason.RISK_LIFTED_FOUNDED)
    found = tally("T4.2-b")
    # then the figure is the share of false positives: 5 %, the target (a maximum) is met
    assert (found.numerator, found.denominator, found.rate) == (1, 20, Decimal("5.00"))
    target = indicator("T4.2-b")
    assert target.target_is_maximum
    assert target_met(tally=found, target=target.target, target_is_maximum=True) is True
    # and one more false positive puts the share over the target
    extra = take(paris(2026, 2, 21))
    lift(cast, extra, paris(2026, 3, 28), unfounded=True)
    worse = tally("T4.2-b")
    assert (worse.numerator, worse.denominator) == (2, 21)
    assert target_met(tally=worse, target=target.target, target_is_maximum=True) is False


def test_a_measure_still_in_force_is_not_in_the_false_positive_population(cast, take):
    take(paris(2026, 3, 3))
    assert rows("T4.2-b") == []
