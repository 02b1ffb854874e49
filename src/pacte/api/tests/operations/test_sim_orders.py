"""The SIM-order endpoints (T4.1): who may order and fulfil, the steps, every refusal."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.operations.tests.sim_fixtures import ADDRESS, SimWorld, order

pytestmark = pytest.mark.django_db

URL = "/api/sim-orders/"
# Staff ordering for cast.customer's line.
CREATE_STATUS = {
    "customer_user": 201,  # for their own line (the customer reference is ignored)
    "other_customer_user": 400,  # the line is not theirs
    "agent": 201,
    "other_agent": 201,
    "supervisor": 201,
    "quality_manager": 403,
    "auditor": 403,
    "administrator": 201,
    "distributor_user": 403,
    None: 401,
}


def _body(world: SimWorld, **extra: str) -> dict[str, str]:
    return {
        "customer_reference": world.cast.customer.reference,
        "msisdn": world.line.msisdn,
        "channel": "phone",
        "address": ADDRESS,
    } | extra


@pytest.mark.parametrize("role", [*ROLES, None])
def test_order_by_role(
    role: str | None, sim_world: SimWorld, client_for: ClientFor, frozen_now: datetime
) -> None:
    client = client_for(user_or_none(sim_world.cast, role))
    response = client.post(URL, _body(sim_world), format="json")
    assert response.status_code == CREATE_STATUS[role]
    assert Case.objects.count() == (1 if response.status_code == 201 else 0)
    if response.status_code == 201:
        data = response.json()
        assert (data["msisdn"], data["address"], data["next_step"]) == (
            sim_world.line.msisdn,
            ADDRESS,
            "prepared",
        )
        assert data["channel"] == ("web" if role == "customer_user" else "phone")
        assert data["due_at"] is not None
    else:
        assert set(response.json()) >= {"code", "detail"}


def test_the_steps_through_the_api(
    sim_world: SimWorld, client_for: ClientFor, frozen_now: datetime
) -> None:
    agent = client_for(sim_world.cast.agent)
    reference = agent.post(URL, _body(sim_world), format="json").json()["reference"]
    # delivering before shipping is a conflict
    early = agent.post(f"{URL}{reference}/delivered/", {}, format="json")
    assert (early.status_code, early.json()["code"]) == (409, "sim_not_shipped")
    assert agent.post(f"{URL}{reference}/prepared/", {}, format="json").status_code == 200
    missing = agent.post(f"{URL}{reference}/shipped/", {"carrier": "La Poste"}, format="json")
    assert missing.status_code == 400
    shipped = agent.post(
        f"{URL}{reference}/shipped/", {"carrier": "La Poste", "tracking": "8R1"}, format="json"
    )
    assert shipped.status_code == 200
    assert (shipped.json()["carrier"], shipped.json()["tracking"]) == ("La Poste", "8R1")
    twice = agent.post(
        f"{URL}{reference}/shipped/", {"carrier": "La Poste", "tracking": "8R2"}, format="json"
    )
    assert (twice.status_code, twice.json()["code"]) == (409, "sim_step_already_recorded")
    bad = agent.post(f"{URL}{reference}/delivered/", {"iccid": "12"}, format="json")
    assert (bad.status_code, bad.json()["code"]) == (400, "sim_iccid_invalid")
    done = agent.post(
        f"{URL}{reference}/delivered/", {"iccid": "8933150000000000777"}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["iccid"] == "8933150000000000777"
    assert done.json()["next_step"] == ""
    sim_world.line.refresh_from_db()
    assert sim_world.line.iccid == "8933150000000000777"


def test_the_customer_reads_their_order_others_get_404(
    sim_world: SimWorld, client_for: ClientFor, frozen_now: datetime
) -> None:
    case = order(sim_world)
    cast = sim_world.cast
    mine = client_for(cast.customer_user).get(f"{URL}{case.reference}/")
    assert mine.status_code == 200
    assert mine.json()["reference"] == case.reference
    assert client_for(cast.other_customer_user).get(f"{URL}{case.reference}/").status_code == 404
    assert client_for(cast.agent).get(f"{URL}P99999999/").status_code == 404
    assert client_for(cast.agent).get(f"{URL}nonsense/").status_code == 404
    # a customer may read but not fulfil
    refused = client_for(cast.customer_user).post(f"{URL}{case.reference}/prepared/", {})
    assert refused.status_code == 403
    assert not CaseEvent.objects.filter(kind=EventKind.SIM_PREPARED).exists()


def test_refusals_of_an_order(
    sim_world: SimWorld, client_for: ClientFor, frozen_now: datetime
) -> None:
    agent = client_for(sim_world.cast.agent)
    unknown = agent.post(URL, _body(sim_world, customer_reference="CU-NOPE"), format="json")
    assert unknown.status_code == 400
    not_theirs = agent.post(URL, _body(sim_world, msisdn=sim_world.other_line.msisdn))
    assert (not_theirs.status_code, not_theirs.json()["code"]) == (400, "line_not_of_customer")
    assert agent.post(URL, _body(sim_world), format="json").status_code == 201
    again = agent.post(URL, _body(sim_world), format="json")
    assert (again.status_code, again.json()["code"]) == (409, "sim_order_already_open")
    no_address = agent.post(
        URL, _body(sim_world, msisdn=sim_world.other_line.msisdn, address=""), format="json"
    )
    assert no_address.status_code == 400
