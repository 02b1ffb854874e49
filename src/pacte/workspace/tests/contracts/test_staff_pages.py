"""Staff pages of T4.7: the acceptance panel on the case page, recording notices, raising."""

from __future__ import annotations

import pytest
from django.test import Client

from pacte.cases.models import Case, CaseStatus, EventKind
from pacte.contracts.services import acceptance_notice_send
from pacte.contracts.tests.conftest import Shop, raise_case
from pacte.core.vocabulary import Channel
from pacte.factories import open_case

pytestmark = pytest.mark.django_db


def agent_client(shop: Shop) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(shop.cast.agent)
    return client


def test_the_case_page_shows_what_blocks_what_is_needed_and_each_notice(shop: Shop):
    case = raise_case(shop)
    acceptance_notice_send(
        case=case,
        party="customer",
        channel=Channel.PHONE,
        body="Bring your ID to the shop.",
        actor=shop.cast.agent,
    )
    page = agent_client(shop).get(f"/cases/{case.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "The ID card scan is unreadable." in text
    assert "A readable copy of the ID card." in text
    assert "Bring your ID to the shop." in text
    assert "Not recorded yet." in text  # the distributor's
    assert f"/acceptance/{case.pk}/notice/" in text
    assert f"/acceptance/{case.pk}/impossible/" in text


def test_other_cases_have_no_acceptance_panel(shop: Shop):
    other = open_case(received_at=shop.cast.agent.date_joined, team=shop.cast.front)
    text = agent_client(shop).get(f"/cases/{other.pk}/").content.decode()
    assert 'id="acceptance"' not in text


def test_an_agent_records_a_notice_and_an_impossibility(shop: Shop):
    case = raise_case(shop)
    client = agent_client(shop)
    sent = client.post(
        f"/acceptance/{case.pk}/notice/",
        {"party": "distributor", "channel": "phone", "body": "Scan it again."},
    )
    assert sent.status_code == 302
    impossible = client.post(
        f"/acceptance/{case.pk}/impossible/",
        {"party": "customer", "reason": "No phone, no email, no address."},
    )
    assert impossible.status_code == 302
    kinds = set(case.events.values_list("kind", "data__party"))
    assert (EventKind.NOTICE_SENT, "distributor") in kinds
    assert (EventKind.NOTICE_IMPOSSIBLE, "customer") in kinds


def test_a_refused_notice_is_shown_on_its_form_and_changes_nothing(shop: Shop):
    case = raise_case(shop, actor=shop.cast.agent)  # no distributor
    response = agent_client(shop).post(
        f"/acceptance/{case.pk}/notice/",
        {"party": "distributor", "channel": "phone", "body": "Hello."},
    )
    assert response.status_code == 400
    assert "The case has no distributor" in response.content.decode()
    empty = agent_client(shop).post(
        f"/acceptance/{case.pk}/impossible/", {"party": "customer", "reason": ""}
    )
    assert empty.status_code == 400
    assert not case.events.filter(kind__startswith="notice").exists()


def test_closing_from_the_case_page_names_the_missing_party(shop: Shop):
    case = raise_case(shop)
    acceptance_notice_send(
        case=case, party="customer", channel=Channel.PHONE, body="Told.", actor=shop.cast.agent
    )
    response = agent_client(shop).post(f"/cases/{case.pk}/close/", {"reason": "Done."})
    assert response.status_code == 200
    assert "a notice is missing: the distributor" in response.content.decode()
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSED


def test_notices_need_a_writer_who_sees_the_case(shop: Shop):
    case = raise_case(shop)
    data = {"party": "customer", "reason": "Unreachable."}
    for user, status in (
        (shop.cast.auditor, 403),
        (shop.cast.other_agent, 404),
        (shop.cast.distributor_user, 403),
    ):
        client = Client()
        client.force_login(user)
        assert client.post(f"/acceptance/{case.pk}/impossible/", data).status_code == status
    assert agent_client(shop).post(f"/acceptance/{case.pk}/sideways/", data).status_code == 404
    assert not case.events.filter(kind=EventKind.NOTICE_IMPOSSIBLE).exists()


def test_an_agent_raises_a_difficulty_from_the_form(shop: Shop):
    client = agent_client(shop)
    assert client.get("/acceptance/new/").status_code == 200
    response = client.post(
        "/acceptance/new/",
        {
            "customer_reference": shop.customer.reference,
            "distributor": shop.cast.distributor.pk,
            "channel": "distributor_hotline",
            "contract_kind": "renewal",
            "blocking": "Direct debit mandate refused.",
            "needed": "A new IBAN.",
        },
    )
    case = Case.objects.get(kind="acceptance")
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.events.get(kind=EventKind.OPENED).data["contract_kind"] == "renewal"


def test_the_raise_form_shows_its_refusals(shop: Shop):
    response = agent_client(shop).post(
        "/acceptance/new/",
        {
            "customer_reference": "UNKNOWN",
            "channel": "phone",
            "contract_kind": "subscription",
            "blocking": "x",
            "needed": "y",
        },
    )
    assert response.status_code == 200
    assert "No customer has this number." in response.content.decode()
    assert not Case.objects.exists()


def test_readers_may_not_raise(shop: Shop):
    client = Client()
    client.force_login(shop.cast.auditor)
    assert client.get("/acceptance/new/").status_code == 403
    client.force_login(shop.cast.customer_user)
    assert client.get("/acceptance/new/").status_code == 403
