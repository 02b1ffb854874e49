"""A fact change never alters a closed month: its snapshot stays, the compare shows the rest.

March is closed on 2 April. Then the customer of a March request is flagged fraud
victim: effective now (2 April) it changes no verdict of the past; backdated by the
quality manager into March, it gives the March request a fraud-victim clock once the
clocks are recomputed, and the compare lists it while the sealed snapshot stays.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from pacte.cases.models import Case
from pacte.commitments.models import SchemeVersion
from pacte.compliance.closing import month_close
from pacte.compliance.comparison import month_compare
from pacte.compliance.models import ClosedVerdict, MonthClosing
from pacte.compliance.selectors import month_results
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.compliance.verification import closing_recompute_seal
from pacte.conftest import Cast, paris
from pacte.core.models import User
from pacte.customers.models import Customer, CustomerFact
from pacte.customers.services import customer_fact_set
from pacte.factories import CustomerFactory

pytestmark = pytest.mark.django_db

APRIL_2 = paris(2026, 4, 2, 9)


def frozen(closing: MonthClosing) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]], str]:
    """The closing's stored snapshot: results, verdicts in sealed order, and seal."""
    closing.refresh_from_db()
    verdicts = ClosedVerdict.objects.filter(closing=closing).order_by("position")
    return closing.results, list(verdicts.values_list()), closing.seal


@pytest.fixture
def customer() -> Customer:
    return CustomerFactory.create()


@pytest.fixture
def march_request(cast: Cast, customer: Customer) -> Case:
    """The customer's email request of Monday 9 March, answered on the 10th at 15:00."""
    case = case_at(paris(2026, 3, 9, 9), team=cast.front, customer=customer)
    return answer_at(case, paris(2026, 3, 10, 15), actor=cast.agent)


@pytest.fixture
def closed_march(cast: Cast, version: SchemeVersion, march_request: Case) -> MonthClosing:
    return month_close(
        scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=APRIL_2
    )


def flag(customer: Customer, actor: User, **extra: Any) -> None:
    customer_fact_set(
        customer=customer,
        fact=CustomerFact.FRAUD_VICTIM,
        value=True,
        actor=actor,
        reason="Victim of a SIM swap.",
        **extra,
    )


def recompute_clocks() -> str:
    out = StringIO()
    call_command("recompute_clocks", stdout=out)
    return out.getvalue()


def test_flag_effective_now_changes_no_past_verdict(
    cast: Cast, version: SchemeVersion, customer: Customer, closed_march: MonthClosing
) -> None:
    # given March closed, and its live figures
    before = frozen(closed_march)
    with time_machine.travel(APRIL_2, tick=False):
        live = month_results(scheme_version=version, year=2026, month=3, now=APRIL_2, cached=False)
        # when an agent flags the customer now and the clocks are recomputed
        flag(customer, cast.agent)
        output = recompute_clocks()
        # then no clock changed, the snapshot is as sealed and the compare finds nothing
        assert "created=0 updated=0 deleted=0" in output
        assert frozen(closed_march) == before
        again = month_results(scheme_version=version, year=2026, month=3, now=APRIL_2, cached=False)
        assert again == live
        assert month_compare(closing=closed_march, now=APRIL_2).unchanged


def test_backdated_flag_into_a_closed_month_shows_in_the_compare_only(
    cast: Cast, customer: Customer, march_request: Case, closed_march: MonthClosing
) -> None:
    # given March closed with the customer's request answered in time (T3.1)
    before = frozen(closed_march)
    with time_machine.travel(APRIL_2, tick=False):
        # when the quality manager flags the customer from 1 March, and clocks are recomputed
        flag(customer, cast.quality_manager, effective_at=paris(2026, 3, 1))
        output = recompute_clocks()
        comparison = month_compare(closing=closed_march, now=APRIL_2)
    # then the request got its fraud-victim clock (1 business day: met on the 10th)
    assert "created=1" in output
    assert march_request.clocks.get(commitment__code="T6.2").state == "met"
    # and the closed month's frozen results, verdicts and seal are unchanged
    assert frozen(closed_march) == before
    assert closing_recompute_seal(closing=closed_march) == closed_march.seal
    # and the compare lists the fraud-victim indicator's new figure and its new item: a
    # fail, for the request was answered in time but not by a fraud-victims team (T6.2)
    assert [change.indicator_code for change in comparison.figures] == ["T6.2-a"]
    assert comparison.figures[0].after is not None
    assert comparison.figures[0].after["denominator"] == 1
    assert [
        (change.indicator_code, change.case_id, change.verdict_before, change.verdict_after)
        for change in comparison.verdicts
    ] == [("T6.2-a", march_request.pk, "", "fail")]
