"""T6.2 routing: a fraud victim's new case goes to the site's fraud-victims team."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from pacte.core.vocabulary import CaseKind
from pacte.customers.models import CustomerFact
from pacte.customers.services import customer_fact_set
from pacte.factories import CustomerFactory, SiteFactory, TeamFactory, UserFactory, open_case

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_a_fraud_victims_case_goes_to_the_fraud_team_of_the_chosen_teams_site():
    front = TeamFactory.create(code="front")
    fraud = TeamFactory.create(code="z-fraud", handles_fraud_victims=True)
    metz = SiteFactory.create(code="metz")
    TeamFactory.create(code="metz-fraud", site=metz, handles_fraud_victims=True)
    case = open_case(
        received_at=MONDAY, team=front, customer=CustomerFactory.create(fraud_victim=True)
    )
    assert (case.team, case.site) == (fraud, front.site)
    opened = case.events.get(kind="opened")
    assert (opened.data["team"], opened.data["routed"]) == ("z-fraud", "fraud_victims")


def test_no_fraud_team_on_the_site_or_an_operators_own_operation_keeps_the_chosen_team():
    front = TeamFactory.create(code="front")
    victim = CustomerFactory.create(fraud_victim=True)
    assert open_case(received_at=MONDAY, team=front, customer=victim).team == front
    TeamFactory.create(code="fraud", handles_fraud_victims=True)
    risk = open_case(received_at=MONDAY, team=front, customer=victim, kind=CaseKind.RISK_MEASURE)
    assert risk.team == front


def test_only_cases_received_once_the_flag_is_in_force_are_routed():
    front = TeamFactory.create(code="front")
    fraud = TeamFactory.create(code="fraud", handles_fraud_victims=True)
    customer = CustomerFactory.create()
    with time_machine.travel(MONDAY, tick=False):
        customer_fact_set(
            customer=customer,
            fact=CustomerFact.FRAUD_VICTIM,
            value=True,
            actor=UserFactory.create(role="supervisor"),
            reason="SIM swap fraud",
        )
    before = open_case(received_at=MONDAY - timedelta(hours=1), team=front, customer=customer)
    after = open_case(received_at=MONDAY + timedelta(hours=1), team=front, customer=customer)
    assert (before.team, after.team) == (front, fraud)
