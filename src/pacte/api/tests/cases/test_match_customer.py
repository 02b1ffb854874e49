"""POST /api/cases/{id}/match-customer/: an unknown email sender's case given to a customer."""

from __future__ import annotations

import pytest

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case, CaseEvent
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import Channel
from pacte.factories import open_case
from pacte.intake.senders import customer_unidentified

pytestmark = pytest.mark.django_db

EXPECTED_STATUS = {
    "customer_user": 404,  # the case is not theirs (yet)
    "other_customer_user": 404,
    "agent": 200,
    "other_agent": 404,
    "supervisor": 200,
    "quality_manager": 403,
    "auditor": 403,
    "administrator": 200,
    "distributor_user": 404,
    None: 401,
}


@pytest.fixture
def unknown_case(cast: Cast, frozen_now: object) -> Case:
    return open_case(
        received_at=paris(2026, 3, 9, 9),
        team=cast.front,
        customer=customer_unidentified(name="J. Martin"),
        channel=Channel.EMAIL,
    )


def url(case: Case) -> str:
    return f"/api/cases/{case.pk}/match-customer/"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_match_by_role(role: str | None, cast: Cast, client_for: ClientFor, unknown_case: Case):
    placeholder = unknown_case.customer
    before = CaseEvent.objects.count()
    response = client_for(user_or_none(cast, role)).post(
        url(unknown_case), {"customer": cast.customer.reference}, format="json"
    )
    assert response.status_code == EXPECTED_STATUS[role]
    unknown_case.refresh_from_db()
    if response.status_code == 200:
        body = response.json()
        assert body["customer"] == cast.customer.reference
        event = body["events"][-1]
        assert event["kind"] == "customer_matched"
        assert event["data"] == {"from": placeholder.reference, "to": cast.customer.reference}
        assert CaseEvent.objects.count() == before + 1
    else:
        assert set(response.json()) == {"code", "detail"}
        assert unknown_case.customer == placeholder
        assert CaseEvent.objects.count() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "customer"),
        ({"customer": "NOPE-404"}, "customer"),
        ({"customer": 12}, "customer"),
    ],
)
def test_bad_bodies_are_400_and_write_nothing(
    body: dict[str, object], field: str, cast: Cast, client_for: ClientFor, unknown_case: Case
):
    before = CaseEvent.objects.count()
    response = client_for(cast.agent).post(url(unknown_case), body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["detail"]
    assert CaseEvent.objects.count() == before


def test_another_unknown_sender_is_refused(cast: Cast, client_for: ClientFor, unknown_case: Case):
    other = customer_unidentified(name="Someone else")
    response = client_for(cast.agent).post(
        url(unknown_case), {"customer": other.reference}, format="json"
    )
    assert response.status_code == 400
    assert "No identified customer" in response.json()["detail"]


def test_a_known_customers_case_is_a_409(cast: Cast, client_for: ClientFor):
    case = open_case(received_at=paris(2026, 3, 9, 9), team=cast.front, customer=cast.customer)
    before = CaseEvent.objects.count()
    response = client_for(cast.agent).post(
        url(case), {"customer": cast.other_customer.reference}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "customer_already_identified"
    assert CaseEvent.objects.count() == before
