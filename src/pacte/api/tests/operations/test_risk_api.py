"""The risk-measure endpoints (T4.2): take, lift, list; every refusal with its reason."""

from __future__ import annotations

import pytest
import time_machine

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import CaseEvent, EventKind
from pacte.conftest import Cast, paris
from pacte.customers.models import LineStatus
from pacte.factories import LineFactory
from pacte.operations.risk import risk_measure_take

pytestmark = pytest.mark.django_db

NOW = paris(2026, 3, 16, 10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def measurer(cast: Cast):
    cast.front.members.add(cast.supervisor)
    return cast.supervisor


def take_url(line_id: int) -> str:
    return f"/api/lines/{line_id}/risk-measures/"


def test_a_supervisor_takes_a_measure_with_its_motive(measurer, client_for: ClientFor):
    line = LineFactory.create()
    response = client_for(measurer).post(
        take_url(line.pk),
        {"measure": "suspension", "motive": "SIM box suspected"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["measure"], body["msisdn"], body["motive"], body["line"]) == (
        "suspension",
        line.msisdn,
        "SIM box suspected",
        line.pk,
    )
    assert body["lifted_at"] is None
    line.refresh_from_db()
    assert line.status == LineStatus.SUSPENDED


@pytest.mark.parametrize(
    "payload", [{"measure": "restriction"}, {"measure": "restriction", "motive": "  "}]
)
def test_a_measure_without_motive_is_a_400_with_the_reason(measurer, client_for, payload):
    line = LineFactory.create()
    response = client_for(measurer).post(take_url(line.pk), payload, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "risk_motive_required"
    assert "motive" in response.json()["detail"]
    assert not CaseEvent.objects.filter(kind=EventKind.MEASURE_TAKEN).exists()


@pytest.mark.parametrize("role", ["agent", "quality_manager", "auditor", "customer_user"])
def test_other_roles_may_not_take_a_measure(cast, client_for, role):
    line = LineFactory.create()
    response = client_for(cast.by_role_name(role)).post(
        take_url(line.pk), {"measure": "deposit", "motive": "x"}, format="json"
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert not CaseEvent.objects.filter(kind=EventKind.MEASURE_TAKEN).exists()


def test_an_unknown_line_is_a_404_and_an_unknown_measure_a_400(measurer, client_for):
    client = client_for(measurer)
    assert (
        client.post(
            take_url(999999), {"measure": "deposit", "motive": "x"}, format="json"
        ).status_code
        == 404
    )
    response = client.post(
        take_url(LineFactory.create().pk), {"measure": "barring", "motive": "x"}, format="json"
    )
    assert response.status_code == 400


def test_lifting_as_unfounded_then_again_is_a_409(measurer, client_for: ClientFor):
    line = LineFactory.create()
    case = risk_measure_take(line=line, measure="restriction", motive="Risk", actor=measurer)
    client = client_for(measurer)
    url = f"/api/risk-measures/{case.reference}/lift/"
    missing = client.post(url, {"unfounded": True, "reason": ""}, format="json")
    assert (missing.status_code, missing.json()["code"]) == (400, "risk_lift_reason_required")
    response = client.post(url, {"unfounded": True, "reason": "Explained"}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["unfounded"], response.json()["reason"]) == (True, "Explained")
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
    again = client.post(url, {"unfounded": False, "reason": "Again"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "risk_measure_already_lifted")


def test_lifting_refusals_unknown_case_and_role(cast, measurer, client_for, case):
    client = client_for(measurer)
    assert client.post("/api/risk-measures/nope/lift/", {"unfounded": False, "reason": "x"},
                       format="json").status_code == 404  # fmt: skip
    other = client.post(f"/api/risk-measures/{case.reference}/lift/",
                        {"unfounded": False, "reason": "x"}, format="json")  # fmt: skip
    assert (other.status_code, other.json()["code"]) == (400, "not_a_risk_measure")
    measure = risk_measure_take(line=LineFactory.create(), measure="deposit", motive="x",
                                actor=measurer)  # fmt: skip
    agent = client_for(cast.agent).post(
        f"/api/risk-measures/{measure.reference}/lift/",
        {"unfounded": False, "reason": "x"},
        format="json",
    )
    assert agent.status_code == 403


def test_the_list_shows_in_force_and_the_months_false_positive_share(cast, measurer, client_for):
    lines = [LineFactory.create() for _ in range(3)]
    cases = [risk_measure_take(line=line, measure="restriction", motive=f"M{n}", actor=measurer)
             for n, line in enumerate(lines)]  # fmt: skip
    from pacte.operations.risk import risk_measure_lift

    risk_measure_lift(case=cases[0], reason="Fine", unfounded=True, actor=measurer)
    risk_measure_lift(case=cases[1], reason="Paid", unfounded=False, actor=measurer)
    response = client_for(cast.auditor).get("/api/risk-measures/", {"month": "2026-03"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["in_force_count"] == 1
    assert [row["reference"] for row in body["in_force"]] == [cases[2].reference]
    assert [row["unfounded"] for row in body["lifted"]] == [True, False]
    assert (body["lifted_unfounded"], body["false_positive_share"]) == (1, "50.00")
    assert (
        client_for(cast.supervisor)
        .get("/api/risk-measures/", {"month": "2026-02"})
        .json()["lifted"]
        == []
    )
    assert client_for(cast.agent).get("/api/risk-measures/").status_code == 403
    bad = client_for(cast.auditor).get("/api/risk-measures/", {"month": "2026-13"})
    assert bad.status_code == 400
