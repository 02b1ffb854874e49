"""The fact endpoints: each endpoint and role, the change recorded, {code, detail} errors,
and the "Done when" of issue 9 through the API: a backdated flag into a closed month
leaves its snapshot and shows in the compare."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case, MotiveFactChange
from pacte.compliance.closing import month_close
from pacte.compliance.models import MonthClosing
from pacte.compliance.tests.conftest import answer_at, case_at, telecom_version
from pacte.conftest import Cast, paris
from pacte.customers.models import CustomerFactChange
from pacte.factories import CustomerFactory, MotiveFactory

pytestmark = pytest.mark.django_db

CUSTOMER_READERS = {"agent", "supervisor", "quality_manager", "auditor", "administrator"}
CUSTOMER_EDITORS = {
    "fraud_victim": {"agent", "supervisor", "quality_manager", "administrator"},
    "segment": {"supervisor", "administrator"},
}
MOTIVE_READERS = {"supervisor", "quality_manager", "auditor", "administrator"}
MOTIVE_EDITORS = {"quality_manager", "administrator"}
NEW_VALUE = {"fraud_victim": True, "segment": "professional"}


def customer_url(cast: Cast) -> str:
    return f"/api/customers/{cast.customer.reference}/facts/"


def change(fact: str = "fraud_victim", **extra: Any) -> dict[str, Any]:
    return {"fact": fact, "value": NEW_VALUE[fact], "reason": "Checked by phone.", **extra}


def expected(role: str | None, readers: set[str], editors: set[str] | None = None) -> int:
    if role is None:
        return 401
    if role not in readers:
        return 404
    if editors is None:
        return 200
    return 201 if role in editors else 403


@pytest.mark.parametrize("role", [*ROLES, None])
def test_customer_facts_read_by_role(
    cast: Cast, client_for: ClientFor, case: Case, role: str | None
) -> None:
    response = client_for(user_or_none(cast, role)).get(customer_url(cast))
    assert response.status_code == expected(role, CUSTOMER_READERS - {"other_agent"})
    if response.status_code == 200:
        assert response.json() == {
            "customer": cast.customer.reference,
            "facts": {"fraud_victim": False, "segment": "consumer"},
            "history": [],
        }
    else:
        assert set(response.json()) == {"code", "detail"}


@pytest.mark.parametrize("fact", ["fraud_victim", "segment"])
@pytest.mark.parametrize("role", [*ROLES, None])
def test_customer_fact_change_by_role(
    cast: Cast, client_for: ClientFor, case: Case, frozen_now: datetime, role: str | None, fact: str
) -> None:
    # when the role posts a change of the fact
    response = client_for(user_or_none(cast, role)).post(
        customer_url(cast), change(fact), format="json"
    )
    # then only the fact's editors among those who see the customer record it
    status = expected(role, CUSTOMER_READERS - {"other_agent"}, CUSTOMER_EDITORS[fact])
    assert response.status_code == status
    if status != 201:
        assert not CustomerFactChange.objects.exists()
        if status == 403:
            assert response.json()["code"] == "fact_not_allowed"
        return
    body = response.json()
    assert body["facts"][fact] == NEW_VALUE[fact]
    actor = user_or_none(cast, role)
    assert body["history"] == [
        {
            "fact": fact,
            "value": NEW_VALUE[fact],
            "previous": {"fraud_victim": False, "segment": "consumer"}[fact],
            "effective_at": "2026-03-10T10:00:00+01:00",
            "recorded_at": "2026-03-10T10:00:00+01:00",
            "actor": actor.username if actor else None,
            "reason": "Checked by phone.",
            "late_recorded": False,
        }
    ]


def test_quality_manager_backdates_a_change(
    cast: Cast, client_for: ClientFor, case: Case, frozen_now: datetime
) -> None:
    response = client_for(cast.quality_manager).post(
        customer_url(cast), change(effective_at="2026-03-01T00:00:00+01:00"), format="json"
    )
    assert response.status_code == 201
    (entry,) = response.json()["history"]
    assert (entry["effective_at"], entry["late_recorded"]) == ("2026-03-01T00:00:00+01:00", True)


@pytest.mark.parametrize(
    ("user", "body", "status", "code"),
    [
        (
            "agent",
            change(effective_at="2026-03-01T00:00:00+01:00"),
            403,
            "fact_backdate_not_allowed",
        ),
        (
            "quality_manager",
            change(effective_at="2026-03-11T00:00:00+01:00"),
            400,
            "fact_effective_in_future",
        ),
        (
            "quality_manager",
            change(effective_at="2025-11-01T00:00:00+01:00"),
            400,
            "fact_effective_too_old",
        ),
        ("quality_manager", change(effective_at="2026-03-01T00:00:00"), 400, "invalid"),
        ("agent", change(value=False), 400, "fact_unchanged"),
        ("agent", change(value="perhaps"), 400, "fact_invalid_value"),
        ("agent", change(reason=" "), 400, "fact_reason_required"),
        ("agent", {"fact": "fraud_victim", "value": True}, 400, "invalid"),
        ("agent", change(fact="fraud_victim") | {"fact": "colour"}, 400, "invalid"),
        ("supervisor", change("segment", value="vip"), 400, "fact_invalid_value"),
    ],
)
def test_refused_customer_changes_write_nothing(
    cast: Cast,
    client_for: ClientFor,
    case: Case,
    frozen_now: datetime,
    user: str,
    body: dict[str, Any],
    status: int,
    code: str,
) -> None:
    response = client_for(cast.by_role_name(user)).post(customer_url(cast), body, format="json")
    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not CustomerFactChange.objects.exists()


def test_unknown_customer_is_404(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.administrator).get("/api/customers/CU-NOWHERE/facts/")
    assert (response.status_code, response.json()["code"]) == (404, "customer_not_found")


def test_an_agent_sees_a_customer_only_through_a_case_of_their_teams(
    cast: Cast, client_for: ClientFor, case: Case
) -> None:
    stranger = CustomerFactory.create()
    response = client_for(cast.agent).get(f"/api/customers/{stranger.reference}/facts/")
    assert response.status_code == 404
    assert (
        client_for(cast.supervisor).get(f"/api/customers/{stranger.reference}/facts/").status_code
        == 200
    )


# --- motives ----------------------------------------------------------------------------

MOTIVE_URL = "/api/motives/invoice-copy/facts/"
BILLING = {"fact": "billing", "value": True, "reason": "Invoice copies are bill requests."}


@pytest.fixture
def invoice_copy() -> None:
    MotiveFactory.create(code="invoice-copy")


@pytest.mark.usefixtures("invoice_copy")
@pytest.mark.parametrize("role", [*ROLES, None])
def test_motive_facts_read_by_role(cast: Cast, client_for: ClientFor, role: str | None) -> None:
    response = client_for(user_or_none(cast, role)).get(MOTIVE_URL)
    assert response.status_code == expected(role, MOTIVE_READERS)
    if response.status_code == 200:
        assert response.json() == {
            "motive": "invoice-copy",
            "facts": {"billing": False},
            "history": [],
        }


@pytest.mark.usefixtures("invoice_copy")
@pytest.mark.parametrize("role", [*ROLES, None])
def test_motive_fact_change_by_role(
    cast: Cast, client_for: ClientFor, frozen_now: datetime, role: str | None
) -> None:
    response = client_for(user_or_none(cast, role)).post(MOTIVE_URL, BILLING, format="json")
    status = expected(role, MOTIVE_READERS, MOTIVE_EDITORS)
    assert response.status_code == status
    if status == 201:
        body = response.json()
        assert body["facts"] == {"billing": True}
        assert [(e["previous"], e["value"], e["actor"]) for e in body["history"]] == [
            (False, True, cast.by_role_name(str(role)).username)
        ]
    else:
        assert not MotiveFactChange.objects.exists()


@pytest.mark.usefixtures("invoice_copy")
def test_motive_change_refusals(cast: Cast, client_for: ClientFor, frozen_now: datetime) -> None:
    quality = client_for(cast.quality_manager)
    unchanged = quality.post(MOTIVE_URL, BILLING | {"value": False}, format="json")
    assert (unchanged.status_code, unchanged.json()["code"]) == (400, "fact_unchanged")
    unknown = quality.post("/api/motives/nowhere/facts/", BILLING, format="json")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "motive_not_found")
    wrong_fact = quality.post(MOTIVE_URL, BILLING | {"fact": "fraud_victim"}, format="json")
    assert (wrong_fact.status_code, wrong_fact.json()["code"]) == (400, "invalid")
    assert not MotiveFactChange.objects.exists()


# --- done when ----------------------------------------------------------------------------


def test_backdated_flag_into_a_closed_month_keeps_the_snapshot_and_shows_in_the_compare(
    cast: Cast, client_for: ClientFor
) -> None:
    # given March closed, with the customer's request of 9 March answered on the 10th
    request = case_at(paris(2026, 3, 9, 9), team=cast.front, customer=cast.customer)
    answer_at(request, paris(2026, 3, 10, 15), actor=cast.agent)
    april = paris(2026, 4, 2, 9)
    closing = month_close(
        scheme_version=telecom_version(), year=2026, month=3, actor=cast.quality_manager, now=april
    )
    sealed = (closing.results, closing.seal)
    quality = client_for(cast.quality_manager)
    with time_machine.travel(april, tick=False):
        # when the quality manager flags the customer from 1 March and the clocks are recomputed
        flagged = quality.post(
            customer_url(cast), change(effective_at="2026-03-01T00:00:00+01:00"), format="json"
        )
        call_command("recompute_clocks", stdout=StringIO())
        compare = quality.post(f"/api/compliance/closings/{closing.pk}/compare/")
    # then the closing's snapshot is as sealed, and the compare lists the new T6.2 item:
    # answered in time, but not by a fraud-victims team (the flag came after: the
    # request could not be routed to one)
    assert flagged.status_code == 201
    closing = MonthClosing.objects.get(pk=closing.pk)
    assert (closing.results, closing.seal) == sealed
    body = compare.json()
    assert body["unchanged"] is False
    assert [figure["indicator_code"] for figure in body["figures"]] == ["T6.2-a"]
    assert [
        (v["indicator_code"], v["case_id"], v["verdict_before"], v["verdict_after"])
        for v in body["verdicts"]
    ] == [("T6.2-a", request.pk, "", "fail")]
