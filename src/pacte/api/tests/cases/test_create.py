"""POST /api/cases/: who may open a case, for whom, and what a bad body gets."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case, CaseEvent
from pacte.conftest import Cast
from pacte.core.roles import Role
from pacte.factories import CustomerFactory, UserFactory, grant_past_instants

URL = "/api/cases/"
# A staff body for team "front": who gets what.
EXPECTED_STATUS = {
    "customer_user": 403,  # customers may not set received_at / team
    "other_customer_user": 403,
    "agent": 201,
    "other_agent": 403,  # not a member of "front"
    "supervisor": 201,
    "quality_manager": 403,
    "auditor": 403,
    "administrator": 201,
    "distributor_user": 403,
    None: 401,
}


def counts() -> tuple[int, int]:
    return Case.objects.count(), CaseEvent.objects.count()


@pytest.mark.parametrize("role", [*ROLES, None])
def test_create_by_role(
    role: str | None, cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    # given
    before = counts()
    # when
    response = client_for(user_or_none(cast, role)).post(URL, body, format="json")
    # then
    assert response.status_code == EXPECTED_STATUS[role]
    created = 1 if response.status_code == 201 else 0
    assert counts() == (before[0] + created, before[1] + created)
    assert set(response.json()) >= ({"id", "events"} if created else {"code", "detail"})


def test_created_case_carries_the_request(
    cast: Cast, client_for: ClientFor, body: dict[str, Any], frozen_now: datetime
) -> None:
    response = client_for(cast.agent).post(URL, body, format="json")

    assert response.status_code == 201
    data = response.json()
    case = Case.objects.get(pk=data["id"])
    assert data["reference"] == case.reference
    assert (data["channel"], data["kind"], data["motive"]) == ("email", "request", "offer-change")
    assert (data["team"], data["customer"]) == ("front", cast.customer.reference)
    # received now: the server's clock, not the caller's
    assert datetime.fromisoformat(data["received_at"]) == frozen_now
    assert case.opened_by == cast.agent
    [opened] = data["events"]
    assert (opened["kind"], opened["actor"], opened["channel"]) == ("opened", "agent", "email")
    for clock in data["clocks"]:
        assert set(clock) == {
            "commitment", "started_at", "due_at", "committed_due_at",
            "effective_due_at", "met_at", "state",
        }  # fmt: skip


def test_supervisor_opens_for_any_team_with_a_distributor(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    body |= {"team": "back", "channel": "distributor_hotline", "distributor": cast.distributor.code}

    response = client_for(cast.supervisor).post(URL, body, format="json")

    assert response.status_code == 201
    assert (response.json()["team"], response.json()["distributor"]) == (
        "back",
        cast.distributor.code,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("customer_email", "CUSTOMER@EXAMPLE.TEST"), ("customer_phone", "+33 6 11 22 33 44")],
)
def test_customer_found_by_email_or_phone(
    field: str, value: str, cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    customer = CustomerFactory.create(email="customer@example.test", phone="+33611223344")
    del body["customer_reference"]
    body[field] = value

    response = client_for(cast.agent).post(URL, body, format="json")

    assert response.status_code == 201
    assert response.json()["customer"] == customer.reference


def test_integration_user_opens_on_any_channel_for_any_team(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    # given a service account with the intake permission and no staff role
    ivr = UserFactory.create(username="ivr", role=Role.CUSTOMER)
    ivr.user_permissions.add(Permission.objects.get(codename="intake_cases"))
    body |= {"channel": "phone", "team": "back"}

    response = client_for(ivr).post(URL, body, format="json")

    assert response.status_code == 201
    assert CaseEvent.objects.get(case_id=response.json()["id"]).actor == ivr


def test_user_without_role_or_permission_is_refused(
    client_for: ClientFor, body: dict[str, Any]
) -> None:
    response = client_for(UserFactory.create(role=Role.CUSTOMER)).post(URL, body, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "create_not_allowed"


def test_agent_refused_for_another_team(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    response = client_for(cast.agent).post(URL, body | {"team": "back"}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "team_not_allowed"


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"received_at": "2026-03-10T09:15:00"}, "received_at", "time zone offset"),
        ({"received_at": "yesterday"}, "received_at", "format"),
        ({"received_at": "2026-02-30T09:00:00+01:00"}, "received_at", "format"),
        ({"motive": "no-such-motive"}, "motive", "Unknown motive code"),
        ({"team": "no-such-team"}, "team", "Unknown team code"),
        ({"distributor": "NOPE"}, "distributor", "Unknown distributor code"),
        ({"channel": "fax"}, "channel", "not a valid choice"),
        ({"kind": "wish"}, "kind", "not a valid choice"),
        ({"kind": "appeal"}, "kind", "/appeal/"),
        ({"kind": "mediation"}, "kind", "/refer-mediator/"),
        ({"kind": "acceptance"}, "kind", "/api/acceptance-cases/"),
        ({"customer_reference": "CU-UNKNOWN"}, "customer_reference", "No customer matches"),
        ({"customer_email": "x@example.test"}, "customer_reference", "exactly one"),
        ({"customer_reference": None}, "customer_reference", "null"),
        ({"subject": ""}, "subject", "blank"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_creates_nothing(
    change: dict[str, Any],
    field: str,
    reason: str,
    cast: Cast,
    client_for: ClientFor,
    body: dict[str, Any],
) -> None:
    before = counts()

    response = client_for(cast.agent).post(URL, body | change, format="json")

    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid"
    assert error["detail"].startswith(f"{field}: ")
    assert reason in error["detail"]
    assert field in error["field_errors"]
    assert counts() == before


def test_missing_staff_fields_are_named(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.agent).post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()["field_errors"]) >= {"kind", "motive", "subject"}


def test_staff_must_give_channel_and_team(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    for field in ("channel", "team"):
        del body[field]

    response = client_for(cast.agent).post(URL, body, format="json")

    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == {"channel", "team"}


def test_ambiguous_email_is_refused(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    CustomerFactory.create(email="shared@example.test")
    CustomerFactory.create(email="shared@example.test")
    del body["customer_reference"]

    response = client_for(cast.agent).post(
        URL, body | {"customer_email": "shared@example.test"}, format="json"
    )

    assert response.status_code == 400
    assert "Several customers" in response.json()["detail"]


@pytest.mark.parametrize(
    ("received_at", "status", "code"),
    [
        ("2026-03-10T10:05:00+01:00", 400, "instant_in_future"),
        ("2026-03-10T09:15:00+01:00", 403, "backdating_not_allowed"),
        ("0001-01-01T00:00:00Z", 400, "invalid"),
    ],
)
def test_staff_receipts_other_than_now_are_refused(
    cast: Cast,
    client_for: ClientFor,
    body: dict[str, Any],
    received_at: str,
    status: int,
    code: str,
) -> None:
    before = counts()

    response = client_for(cast.agent).post(URL, body | {"received_at": received_at}, format="json")

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert counts() == before


def test_an_integration_receipt_in_the_window_is_kept_and_marked_late(
    cast: Cast, client_for: ClientFor, body: dict[str, Any], frozen_now: datetime
) -> None:
    # Given the ACD's account, allowed to open cases and to record past instants
    acd = UserFactory.create(username="acd", role=Role.AGENT)
    acd.user_permissions.add(Permission.objects.get(codename="intake_cases"))
    acd = grant_past_instants(acd)
    # When it reports a call received 45 minutes ago
    response = client_for(acd).post(
        URL, body | {"received_at": "2026-03-10T09:15:00+01:00"}, format="json"
    )
    # Then the case is received then, and its opening says it was recorded late
    assert response.status_code == 201
    data = response.json()
    assert datetime.fromisoformat(data["received_at"]) == frozen_now - timedelta(minutes=45)
    [opened] = data["events"]
    assert opened["late_recorded"] is True
    assert datetime.fromisoformat(opened["recorded_at"]) == frozen_now


def test_a_json_array_is_refused(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.agent).post(URL, [1, 2], format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_form_encoded_body_is_accepted(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    response = client_for(cast.agent).post(URL, body)

    assert response.status_code == 201
