"""POST /api/cases/ by a customer: a web case for their own record, received now."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from pytest_django import Settings

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case, CaseEvent
from pacte.conftest import Cast
from pacte.core.roles import Role
from pacte.factories import MotiveFactory, UserFactory

URL = "/api/cases/"


@pytest.fixture
def web_intake(settings: Settings, cast: Cast) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = cast.front.code


@pytest.fixture
def customer_body(db: None) -> dict[str, Any]:
    MotiveFactory.create(code="offer-change")
    return {"kind": "complaint", "motive": "offer-change", "subject": "Wrong plan applied"}


@pytest.mark.usefixtures("web_intake")
@pytest.mark.parametrize("role", ["customer_user", "other_customer_user"])
def test_customer_opens_a_web_case_for_themselves(
    role: str,
    cast: Cast,
    client_for: ClientFor,
    customer_body: dict[str, Any],
    frozen_now: datetime,
) -> None:
    user = cast.by_role_name(role)

    response = client_for(user).post(URL, customer_body, format="json")

    assert response.status_code == 201
    case = Case.objects.get(pk=response.json()["id"])
    assert case.customer.user == user
    assert (case.channel, case.team, case.received_at) == ("web", cast.front, frozen_now)
    assert case.opened_by == user


@pytest.mark.usefixtures("web_intake")
def test_a_customers_bill_complaint_is_a_bill_dispute_with_its_deadline(
    cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    # Given a motive about a bill: the written-complaint rule (T6.3) excepts it
    MotiveFactory.create(code="bill", billing=True)
    body = {"kind": "complaint", "motive": "bill", "subject": "Bill too high"}
    # When the customer files the complaint through the API, as on the web form
    response = client_for(cast.customer_user).post(URL, body, format="json")
    # Then it is a bill dispute, with its deadline (T5.2)
    case = Case.objects.get(pk=response.json()["id"])
    assert case.kind == "bill_dispute"
    assert case.due_at is not None


@pytest.mark.usefixtures("web_intake")
def test_customer_may_name_their_own_record_and_the_web_channel(
    cast: Cast, client_for: ClientFor, customer_body: dict[str, Any]
) -> None:
    customer_body |= {"customer_reference": cast.customer.reference, "channel": "web"}

    response = client_for(cast.customer_user).post(URL, customer_body, format="json")

    assert response.status_code == 201


@pytest.mark.usefixtures("web_intake")
@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"channel": "phone"}, "channel_not_allowed"),
        ({"received_at": "2026-03-01T09:00:00+01:00"}, "field_not_allowed"),
        ({"team": "back"}, "field_not_allowed"),
        ({"distributor": "POS0001"}, "field_not_allowed"),
        ({"customer_email": "someone@example.test"}, "field_not_allowed"),
        ({"customer_reference": "CU-SOMEONE-ELSE"}, "customer_not_allowed"),
    ],
)
def test_customer_rules_refuse_what_only_staff_decide(
    change: dict[str, Any],
    code: str,
    cast: Cast,
    client_for: ClientFor,
    customer_body: dict[str, Any],
) -> None:
    before = CaseEvent.objects.count()

    response = client_for(cast.customer_user).post(URL, customer_body | change, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == code
    assert CaseEvent.objects.count() == before


@pytest.mark.usefixtures("web_intake")
def test_customer_cannot_open_for_another_customer(
    cast: Cast, client_for: ClientFor, customer_body: dict[str, Any]
) -> None:
    customer_body["customer_reference"] = cast.other_customer.reference

    response = client_for(cast.customer_user).post(URL, customer_body, format="json")

    assert response.status_code == 403
    assert not Case.objects.exists()


@pytest.mark.usefixtures("web_intake")
def test_customer_bad_body_is_a_400(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.customer_user).post(URL, {"kind": "complaint"}, format="json")

    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == {"motive", "subject"}


def test_customer_intake_needs_a_configured_team(
    cast: Cast, client_for: ClientFor, customer_body: dict[str, Any]
) -> None:
    response = client_for(cast.customer_user).post(URL, customer_body, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "customer_intake_disabled"


@pytest.mark.usefixtures("web_intake")
def test_customer_user_without_a_record_is_refused(
    client_for: ClientFor, customer_body: dict[str, Any]
) -> None:
    response = client_for(UserFactory.create(role=Role.CUSTOMER)).post(
        URL, customer_body, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "create_not_allowed"


@pytest.mark.usefixtures("web_intake")
def test_customer_sees_only_public_events_of_the_new_case(
    cast: Cast, client_for: ClientFor, customer_body: dict[str, Any]
) -> None:
    response = client_for(cast.customer_user).post(URL, customer_body, format="json")

    assert [event["kind"] for event in response.json()["events"]] == ["opened"]
