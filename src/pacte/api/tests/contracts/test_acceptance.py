"""The contract-acceptance endpoints (T4.7): who may raise and record notices, every refusal."""

from __future__ import annotations

import pytest

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.contracts.tests.conftest import Shop, raise_case
from pacte.factories import open_case

pytestmark = pytest.mark.django_db

RAISE = "/api/acceptance-cases/"


def body(shop: Shop, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "customer_reference": shop.customer.reference,
        "contract_kind": "subscription",
        "blocking": "Proof of address missing.",
        "needed": "A bill less than 3 months old.",
    }
    data.update(overrides)
    return data


def test_a_distributor_raises_for_a_customer_of_their_shop(shop: Shop, client_for: ClientFor):
    response = client_for(shop.cast.distributor_user).post(RAISE, body(shop), format="json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert (case.kind, case.distributor, case.channel) == (
        "acceptance",
        shop.cast.distributor,
        "web",
    )
    opened = case.events.get(kind=EventKind.OPENED)
    assert opened.data["needed"] == "A bill less than 3 months old."


def test_a_distributor_cannot_raise_for_a_customer_of_another_shop(
    shop: Shop, client_for: ClientFor
):
    client = client_for(shop.cast.distributor_user)
    response = client.post(
        RAISE, body(shop, customer_reference=shop.cast.other_customer.reference), format="json"
    )
    assert (response.status_code, response.json()["code"]) == (404, "customer_not_of_shop")
    assert not Case.objects.exists()


def test_an_agent_raises_with_a_distributor_and_a_channel(shop: Shop, client_for: ClientFor):
    data = body(shop, distributor=shop.cast.distributor.code, channel="distributor_hotline")
    response = client_for(shop.cast.agent).post(RAISE, data, format="json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert (case.distributor, case.channel) == (shop.cast.distributor, "distributor_hotline")


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"contract_kind": "lease"}, 400, "invalid"),
        ({"blocking": " "}, 400, "invalid"),
        ({"customer_reference": "NOPE"}, 404, "customer_not_of_shop"),
        ({"distributor": "NOPE"}, 400, "invalid"),
    ],
)
def test_raising_refusals(shop: Shop, client_for: ClientFor, overrides, status, code):
    response = client_for(shop.cast.agent).post(RAISE, body(shop, **overrides), format="json")
    assert (response.status_code, response.json()["code"]) == (status, code)


@pytest.mark.parametrize("role", ["customer_user", "auditor", "quality_manager"])
def test_roles_that_may_not_raise(shop: Shop, client_for: ClientFor, role):
    response = client_for(shop.cast.by_role_name(role)).post(RAISE, body(shop), format="json")
    assert (response.status_code, response.json()["code"]) == (403, "create_not_allowed")


def test_anonymous_is_401(shop: Shop, client_for: ClientFor):
    assert client_for(None).post(RAISE, body(shop), format="json").status_code == 401


def notice_url(case: Case, impossible: bool = False) -> str:
    return f"/api/cases/{case.pk}/acceptance-notice{'-impossible' if impossible else ''}/"


def test_an_agent_records_both_notices_then_closes(shop: Shop, client_for: ClientFor):
    case = raise_case(shop)
    client = client_for(shop.cast.agent)
    close = client.post(f"/api/cases/{case.pk}/close/", {"reason": "Done."}, format="json")
    assert (close.status_code, close.json()["code"]) == (409, "acceptance_notice_missing")
    assert "the customer and the distributor" in close.json()["detail"]
    sent = client.post(
        notice_url(case),
        {"party": "customer", "channel": "phone", "body": "Bring a recent bill."},
        format="json",
    )
    assert sent.status_code == 200, sent.json()
    kinds = [event["kind"] for event in sent.json()["events"]]
    assert "notice_sent" in kinds
    close = client.post(f"/api/cases/{case.pk}/close/", {"reason": "Done."}, format="json")
    assert close.status_code == 409
    assert "the distributor" in close.json()["detail"]
    impossible = client.post(
        notice_url(case, impossible=True),
        {"party": "distributor", "reason": "The shop has closed."},
        format="json",
    )
    assert impossible.status_code == 200, impossible.json()
    close = client.post(f"/api/cases/{case.pk}/close/", {"reason": "Done."}, format="json")
    assert close.status_code == 200
    assert close.json()["status"] == "closed"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"party": "shop", "channel": "phone", "body": "x"}, "invalid"),
        ({"party": "customer", "channel": "phone", "body": " "}, "invalid"),
        ({"party": "customer", "channel": "pigeon", "body": "x"}, "invalid"),
    ],
)
def test_notice_refusals(shop: Shop, client_for: ClientFor, data, code):
    case = raise_case(shop)
    response = client_for(shop.cast.agent).post(notice_url(case), data, format="json")
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert not CaseEvent.objects.filter(kind=EventKind.NOTICE_SENT).exists()


def test_a_notice_on_another_kind_of_case_is_refused(shop: Shop, client_for: ClientFor):
    other = open_case(received_at=shop.cast.agent.date_joined, team=shop.cast.front)
    response = client_for(shop.cast.agent).post(
        notice_url(other), {"party": "customer", "channel": "phone", "body": "x"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "not_an_acceptance_case")


def test_a_distributor_notice_without_a_distributor_is_refused(shop: Shop, client_for: ClientFor):
    case = raise_case(shop, actor=shop.cast.agent)
    response = client_for(shop.cast.agent).post(
        notice_url(case), {"party": "distributor", "channel": "phone", "body": "x"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "acceptance_no_distributor")


def test_an_impossibility_without_a_reason_is_refused(shop: Shop, client_for: ClientFor):
    case = raise_case(shop)
    response = client_for(shop.cast.agent).post(
        notice_url(case, impossible=True), {"party": "customer", "reason": ""}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("distributor_user", 403),  # sees the shop's case, may not record notices
        ("customer_user", 403),  # the case's customer
        ("auditor", 403),
        ("other_agent", 404),  # another team
        ("other_customer_user", 404),
        ("supervisor", 200),
    ],
)
def test_who_may_record_notices(shop: Shop, client_for: ClientFor, role, status):
    case = raise_case(shop)
    response = client_for(shop.cast.by_role_name(role)).post(
        notice_url(case, impossible=True),
        {"party": "customer", "reason": "Unreachable."},
        format="json",
    )
    assert response.status_code == status
    recorded = CaseEvent.objects.filter(kind=EventKind.NOTICE_IMPOSSIBLE).exists()
    assert recorded == (status == 200)


def test_an_email_notice_to_a_party_without_an_address_is_refused(
    shop: Shop, client_for: ClientFor
):
    case = raise_case(shop)
    shop.cast.distributor.email = ""
    shop.cast.distributor.save()
    response = client_for(shop.cast.agent).post(
        notice_url(case), {"party": "distributor", "channel": "email", "body": "x"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "no_recipient")
