"""GET /api/cases/{id}/: the case with its clocks and events, for those who may see it."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case
from pacte.cases.services import case_add_note
from pacte.conftest import Cast

SEES_THE_CASE = {
    "customer_user",
    "agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "administrator",
}


def url(case: Case) -> str:
    return f"/api/cases/{case.pk}/"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_detail_by_role(role: str | None, cast: Cast, client_for: ClientFor, case: Case) -> None:
    response = client_for(user_or_none(cast, role)).get(url(case))

    if role is None:
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
    elif role in SEES_THE_CASE:
        assert response.status_code == 200
        assert response.json()["id"] == case.pk
    else:
        assert response.status_code == 404
        assert response.json() == {"code": "case_not_found", "detail": "No such case."}


def test_detail_shows_clocks_and_events(cast: Cast, client_for: ClientFor, case: Case) -> None:
    response = client_for(cast.agent).get(url(case))

    data = response.json()
    assert data["reference"] == case.reference
    assert data["customer"] == cast.customer.reference
    assert [(e["kind"], e["channel"]) for e in data["events"]] == [("opened", "email")]
    clocks = list(case.clocks.select_related("commitment"))
    assert [c["commitment"] for c in data["clocks"]] == [c.commitment.code for c in clocks]
    assert all(c["state"] == "running" for c in data["clocks"])


def test_customer_does_not_see_internal_notes(
    cast: Cast, client_for: ClientFor, case: Case
) -> None:
    case_add_note(case=case, actor=cast.agent, body="Customer sounded upset.")

    staff = client_for(cast.auditor).get(url(case)).json()
    customer = client_for(cast.customer_user).get(url(case)).json()

    assert [e["kind"] for e in staff["events"]] == ["opened", "note"]
    assert staff["events"][1]["actor"] == "agent"
    assert [e["kind"] for e in customer["events"]] == ["opened"]


def test_unknown_case_is_a_404(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.administrator).get("/api/cases/999999/")

    assert response.status_code == 404


def test_detail_takes_three_queries(
    cast: Cast,
    client_for: ClientFor,
    case: Case,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(cast.agent)
    with django_assert_max_num_queries(3):
        client.get(url(case))


def test_token_authentication(cast: Cast, case: Case) -> None:
    token = Token.objects.create(user=cast.agent)
    client = APIClient()

    anonymous = client.get(url(case))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    authenticated = client.get(url(case))
    client.credentials(HTTP_AUTHORIZATION="Token wrong")
    wrong = client.get(url(case))

    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert authenticated.status_code == 200
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "authentication_failed"
