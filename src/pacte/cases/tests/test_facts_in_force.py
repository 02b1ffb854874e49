"""Clocks read the customer's and motive's facts in force at the case's receipt."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from pytest_django import DjangoAssertNumQueries

from pacte.cases.facts_in_force import facts_in_force
from pacte.cases.models import Case, MotiveFact
from pacte.cases.motive_facts import motive_fact_set
from pacte.cases.recompute import clocks_recompute, clocks_recompute_cases
from pacte.conftest import Cast, paris
from pacte.customers.models import Customer, CustomerFact, Segment
from pacte.customers.services import customer_fact_set
from pacte.factories import CustomerFactory, MotiveFactory, open_case

pytestmark = pytest.mark.django_db


def case_on(day: int, cast: Cast, customer: Customer, **extra: object) -> Case:
    """A case of ``customer`` received at 09:00 on ``day`` March 2026."""
    received = paris(2026, 3, day, 9)
    with time_machine.travel(received, tick=False):
        return open_case(received_at=received, team=cast.front, customer=customer, **extra)  # type: ignore[arg-type]


def loaded(*cases: Case) -> list[Case]:
    return list(
        Case.objects.filter(pk__in=[c.pk for c in cases])
        .select_related("customer", "motive")
        .order_by("pk")
    )


def codes(case: Case) -> set[str]:
    return set(case.clocks.values_list("commitment__code", flat=True))


def set_fraud_victim(customer: Customer, actor, value: bool, effective_at: datetime) -> None:
    customer_fact_set(
        customer=customer,
        fact=CustomerFact.FRAUD_VICTIM,
        value=value,
        actor=actor,
        reason="Checked with the fraud team.",
        effective_at=effective_at,
    )


def test_without_changes_the_columns_are_in_force(cast: Cast) -> None:
    # given a customer written in bulk as a fraud victim, with no change recorded
    customer = CustomerFactory.create(fraud_victim=True, segment=Segment.PROFESSIONAL)
    case = case_on(9, cast, customer, motive=MotiveFactory.create(code="bill", billing=True))
    # then the case's facts are the columns
    facts = facts_in_force(loaded(case))[case.pk]
    assert (facts.fraud_victim, facts.segment, facts.billing) == (True, "professional", True)
    assert codes(case) == {"T6.2"}


def test_each_case_sees_the_value_in_force_at_its_receipt(cast: Cast) -> None:
    # given cases of one customer received on 2, 5, 9 and 12 March
    customer = CustomerFactory.create()
    cases = [case_on(day, cast, customer) for day in (2, 5, 9, 12)]
    # and, recorded on the 13th, a flag from 5 March 09:00 lifted from 10 March
    with time_machine.travel(paris(2026, 3, 13, 12), tick=False):
        set_fraud_victim(customer, cast.quality_manager, True, paris(2026, 3, 5, 9))
        set_fraud_victim(customer, cast.quality_manager, False, paris(2026, 3, 10))
    # then the first case sees the value before the first change, the next two the flag
    # (the second was received exactly when it took effect), the last one its lifting
    in_force = facts_in_force(loaded(*cases))
    assert [in_force[case.pk].fraud_victim for case in cases] == [False, True, True, False]


def test_facts_of_a_whole_batch_cost_one_query(
    cast: Cast, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # given cases of several customers and motives, some with recorded changes
    customers = [CustomerFactory.create() for _ in range(3)]
    motives = [MotiveFactory.create(code=f"motive-{n}") for n in range(3)]
    cases = [
        case_on(day, cast, customer, motive=motive)
        for day, customer, motive in zip((2, 3, 4), customers, motives, strict=True)
    ]
    with time_machine.travel(paris(2026, 3, 5), tick=False):
        set_fraud_victim(customers[0], cast.agent, True, paris(2026, 3, 5))
        motive_fact_set(
            motive=motives[1],
            fact=MotiveFact.BILLING,
            value=True,
            actor=cast.administrator,
            reason="A bill motive.",
        )
    batch = loaded(*cases)
    # then reading every case's facts is one query
    with django_assert_num_queries(1):
        facts_in_force(batch)


def test_flag_effective_now_leaves_past_clocks_alone(cast: Cast) -> None:
    # given a request received on 9 March
    customer = CustomerFactory.create()
    case = case_on(9, cast, customer)
    # when an agent flags the customer on the 10th and the clocks are recomputed
    now = paris(2026, 3, 10, 10)
    with time_machine.travel(now, tick=False):
        set_fraud_victim(customer, cast.agent, True, now)
        report = clocks_recompute(now=now)
    # then the past case keeps its clocks, and a case received after is prioritised
    assert report.changes == 0
    assert codes(case) == {"T3.1"}
    assert codes(case_on(11, cast, customer)) == {"T3.1", "T6.2"}


def test_backdated_flag_reaches_the_cases_received_since_at_recompute(cast: Cast) -> None:
    # given requests received on 2 and 9 March
    customer = CustomerFactory.create()
    before, since = case_on(2, cast, customer), case_on(9, cast, customer)
    # when the quality manager flags the customer from 5 March, on the 10th
    now = paris(2026, 3, 10, 10)
    with time_machine.travel(now, tick=False):
        set_fraud_victim(customer, cast.quality_manager, True, paris(2026, 3, 5))
        assert codes(since) == {"T3.1"}  # the clocks follow at the next recompute
        report = clocks_recompute(now=now)
    # then only the case received since gets the fraud-victim clock
    assert report.created == 1
    assert (codes(before), codes(since)) == ({"T3.1"}, {"T3.1", "T6.2"})


def test_backdated_bill_status_removes_the_request_clock(cast: Cast) -> None:
    # given a request about a motive that was not a bill one when received
    motive = MotiveFactory.create(code="invoice-copy")
    case = case_on(9, cast, CustomerFactory.create(), motive=motive)
    assert codes(case) == {"T3.1"}
    # when the quality manager rules the motive a bill one from 1 March
    now = paris(2026, 3, 10, 10)
    with time_machine.travel(now, tick=False):
        motive_fact_set(
            motive=motive,
            fact=MotiveFact.BILLING,
            value=True,
            actor=cast.quality_manager,
            reason="Copies of invoices are bill requests.",
            effective_at=paris(2026, 3, 1),
        )
        clocks_recompute_cases([case.pk], now=now)
    # then the case is excepted from T3.1, as bill cases are
    assert codes(case) == set()
