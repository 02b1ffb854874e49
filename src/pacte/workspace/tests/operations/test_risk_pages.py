"""Staff pages of T4.2: take a measure from the customer's line, lift it from its case
page, and the supervisors' list with the month's false-positive share."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.utils import translation

from pacte.cases.models import CaseEvent, EventKind
from pacte.conftest import Cast
from pacte.customers.models import LineStatus
from pacte.factories import AccountFactory, LineFactory, open_case
from pacte.operations.risk import risk_measure_lift, risk_measure_take

pytestmark = pytest.mark.django_db


def client_as(user, language="en") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


@pytest.fixture
def supervisor(cast: Cast):
    cast.front.members.add(cast.supervisor)
    return cast.supervisor


@pytest.fixture
def line(cast: Cast):
    return LineFactory.create(account=AccountFactory.create(customer=cast.customer))


def test_the_customer_panel_offers_a_measure_on_each_line_to_a_supervisor_only(
    cast, supervisor, line, frozen_now: datetime
):
    case = open_case(received_at=frozen_now, team=cast.front, customer=cast.customer)
    page = client_as(supervisor).get(f"/cases/{case.pk}/").content.decode()
    assert f"/operations/lines/{line.pk}/risk-measure/" in page
    agent_page = client_as(cast.agent).get(f"/cases/{case.pk}/").content.decode()
    assert "/risk-measure/" not in agent_page


def test_a_supervisor_takes_a_measure_and_lands_on_its_case(supervisor, line, frozen_now):
    client = client_as(supervisor)
    form = client.get(f"/operations/lines/{line.pk}/risk-measure/")
    assert form.status_code == 200
    assert line.msisdn in form.content.decode()
    response = client.post(
        f"/operations/lines/{line.pk}/risk-measure/",
        {"measure": "restriction", "motive": "Many SIM swaps this week"},
    )
    assert response.status_code == 302
    taken = CaseEvent.objects.get(kind=EventKind.MEASURE_TAKEN)
    assert response["Location"] == f"/cases/{taken.case_id}/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="risk-measure"' in page
    assert "Many SIM swaps this week" in page
    assert f"/operations/risk-measures/{taken.case_id}/lift/" in page
    line.refresh_from_db()
    assert line.status == LineStatus.RESTRICTED


def test_a_measure_without_motive_is_refused_on_the_form(supervisor, line, frozen_now):
    response = client_as(supervisor).post(
        f"/operations/lines/{line.pk}/risk-measure/", {"measure": "suspension", "motive": " "}
    )
    assert response.status_code == 400
    assert "without a written motive" in response.content.decode()
    assert not CaseEvent.objects.filter(kind=EventKind.MEASURE_TAKEN).exists()
    with translation.override("fr"):
        french = client_as(supervisor, "fr").post(
            f"/operations/lines/{line.pk}/risk-measure/", {"measure": "suspension", "motive": ""}
        )
    assert "motif écrit" in french.content.decode()


def test_an_unknown_line_is_a_404(supervisor):
    assert client_as(supervisor).get("/operations/lines/999999/risk-measure/").status_code == 404


def test_lifting_from_the_case_page_then_refusals(supervisor, line, frozen_now):
    case = risk_measure_take(line=line, measure="suspension", motive="Fraud", actor=supervisor)
    client = client_as(supervisor)
    url = f"/operations/risk-measures/{case.pk}/lift/"
    no_reason = client.post(url, {"unfounded": "yes", "reason": ""})
    assert no_reason.status_code == 400
    assert "Write why the measure is lifted." in no_reason.content.decode()
    done = client.post(url, {"unfounded": "yes", "reason": "Customer abroad"})
    assert done.status_code == 302
    lifted = CaseEvent.objects.get(kind=EventKind.MEASURE_LIFTED)
    assert lifted.data["unfounded"] is True
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "unfounded (false positive)" in page
    assert url not in page  # lifted: no form any more
    twice = client.post(url, {"unfounded": "no", "reason": "Again"})
    assert twice.status_code == 400
    assert "already lifted" in twice.content.decode()


def test_lifting_a_case_of_another_kind_is_refused(cast, supervisor, frozen_now):
    other = open_case(received_at=frozen_now, team=cast.front)
    response = client_as(supervisor).post(
        f"/operations/risk-measures/{other.pk}/lift/", {"unfounded": "no", "reason": "x"}
    )
    assert response.status_code == 400
    assert "not a risk or fraud measure" in response.content.decode()


def test_the_list_shows_measures_in_force_and_the_months_false_positive_share(
    cast, supervisor, frozen_now
):
    cases = [
        risk_measure_take(line=LineFactory.create(), measure="restriction",
                          motive=f"Motive {n}", actor=supervisor)
        for n in range(3)
    ]  # fmt: skip
    risk_measure_lift(case=cases[0], reason="Explained", unfounded=True, actor=supervisor)
    risk_measure_lift(case=cases[1], reason="Deposit paid", unfounded=False, actor=supervisor)
    page = client_as(cast.auditor).get("/operations/risk-measures/", {"month": "2026-03"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 measure in force" in text
    assert "1 of 2 lifted as unfounded (50.00%)" in text
    assert "Motive 0" in text
    assert "Explained" in text
    empty = client_as(cast.auditor).get("/operations/risk-measures/", {"month": "2026-02"})
    assert "No measure lifted this month." in empty.content.decode()
    bad = client_as(cast.auditor).get("/operations/risk-measures/", {"month": "1999-13"})
    assert bad.status_code == 200
    with translation.override("fr"):
        french = client_as(cast.auditor, "fr").get(
            "/operations/risk-measures/", {"month": "2026-03"}
        )
    assert "1 sur 2 levée comme infondée (50,00\u00a0%)" in french.content.decode()
