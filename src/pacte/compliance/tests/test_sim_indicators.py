"""T4.1 (SIM shipped within 3 business days) and T4.5-b (after-sales requests answered
in time): per-order verdicts with reasons worded for the operation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import translation

from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.indicators.registry import computation_for
from pacte.compliance.selectors import indicator_verdicts
from pacte.compliance.tests.conftest import answer_at, case_at, clock_of, indicator
from pacte.conftest import paris
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory
from pacte.operations.sim import sim_order_ship

# Monday 9 March 2026 10:00: the SIM is due by the end of Thursday 12 March.
RECEIVED = paris(2026, 3, 9, 10)
DUE = paris(2026, 3, 12, 23, 59, 59, 999999)
AFTER_MONTH = paris(2026, 4, 15, 12)


def verdicts(code: str, *, now=AFTER_MONTH):
    return list(indicator_verdicts(indicator=indicator(code), year=2026, month=3, now=now))


def sim_case(cast):
    return case_at(
        RECEIVED,
        team=cast.front,
        kind=CaseKind.SIM_ORDER,
        channel=Channel.PHONE,
        motive=MotiveFactory.create(code="sim-replacement"),
    )


def ship_at(case, at, actor):
    with time_machine.travel(at, tick=False):
        sim_order_ship(case=case, actor=actor, carrier="La Poste", tracking="8R1")


@pytest.mark.parametrize(
    ("shipped_after", "verdict", "reason"),
    [
        (timedelta(days=1), Verdict.PASS, Reason.SIM_SHIPPED_IN_TIME),
        (timedelta(days=4), Verdict.FAIL, Reason.SIM_SHIPPED_LATE),
        (None, Verdict.FAIL, Reason.SIM_NOT_SHIPPED_PAST_DEADLINE),
    ],
    ids=["shipped-next-day", "shipped-friday-late", "never-shipped"],
)
def test_a_sim_order_is_judged_on_its_shipment(cast, shipped_after, verdict, reason):
    # given a SIM order received on Monday
    case = sim_case(cast)
    assert clock_of(case, "T4.1").due_at == DUE
    # when it is shipped (or not)
    if shipped_after is not None:
        ship_at(case, RECEIVED + shipped_after, cast.agent)
    # then T4.1-a judges it, saying "shipped"
    with translation.override("en"):
        (row,) = verdicts("T4.1-a")
    assert (row.verdict, row.reason_code) == (verdict, reason)
    assert "shipped" in row.reason


def test_an_answer_does_not_count_as_a_shipment(cast):
    case = sim_case(cast)
    answer_at(case, RECEIVED + timedelta(hours=1), actor=cast.agent)
    (row,) = verdicts("T4.1-a")
    assert row.reason_code == Reason.SIM_NOT_SHIPPED_PAST_DEADLINE


def test_an_order_not_yet_due_is_in_no_month(cast):
    sim_case(cast)
    assert [row.verdict for row in verdicts("T4.1-a", now=RECEIVED + timedelta(days=1))] == [
        Verdict.EXCLUDED
    ]


@pytest.mark.parametrize(
    ("answered_after", "verdict"),
    [(timedelta(hours=2), Verdict.PASS), (timedelta(days=30), Verdict.FAIL)],
)
def test_an_after_sales_request_is_judged_on_its_answer(cast, answered_after, verdict):
    # given an after-sales request by email
    case = case_at(RECEIVED, team=cast.front, kind=CaseKind.AFTER_SALES, channel=Channel.EMAIL)
    assert clock_of(case, "T4.5").due_at is not None
    # when answered
    answer_at(case, RECEIVED + answered_after, actor=cast.agent)
    # then T4.5-b judges it
    rows = [row for row in verdicts("T4.5-b") if row.case_id == case.pk]
    assert [row.verdict for row in rows] == [verdict]


def test_both_are_computed_not_no_data():
    for name in ("sim_shipped_in_time", "after_sales_request_answered_in_time"):
        computation = computation_for(name)
        assert computation.verdicts is not None
        assert not computation.no_data
