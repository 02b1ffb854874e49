"""The point-of-sale pages: a shop's cases only, raising, answering, notices, the hotline."""

from __future__ import annotations

import pytest
from django.test import Client

from pacte.access.tests.builders import page_build, publish_at
from pacte.cases.models import Case, EventKind
from pacte.contracts.services import acceptance_notice_impossible, acceptance_notice_send
from pacte.contracts.tests.conftest import Shop, raise_case
from pacte.core import clock
from pacte.core.vocabulary import Channel
from pacte.factories import DistributorFactory, MotiveFactory, open_case
from pacte.workspace.tests.contracts.conftest import HOTLINE

pytestmark = pytest.mark.django_db


def shop_client(shop: Shop) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(shop.cast.distributor_user)
    return client


def test_the_shop_sees_its_cases_only(shop: Shop):
    mine = raise_case(shop)
    elsewhere = open_case(
        received_at=clock.now(), team=shop.cast.front, distributor=DistributorFactory.create()
    )
    client = shop_client(shop)
    text = client.get("/shop/").content.decode()
    assert mine.reference in text
    assert elsewhere.reference not in text
    assert client.get(f"/shop/cases/{elsewhere.reference}/").status_code == 404
    assert client.get("/shop/cases/P-nonsense/").status_code == 404
    posted = client.post(f"/shop/cases/{elsewhere.reference}/message/", {"body": "Hi"})
    assert posted.status_code == 404
    assert not elsewhere.events.filter(kind=EventKind.CUSTOMER_MESSAGE).exists()


def test_the_shop_pages_show_the_published_hotline(shop: Shop):
    page_build(shop.cast.administrator, channels=(HOTLINE,))
    publish_at(shop.cast.administrator, clock.now())
    text = shop_client(shop).get("/shop/").content.decode()
    assert "0 800 123 456" in text
    assert "Monday to Saturday, 9 am to 7 pm" in text
    french = Client(headers={"Accept-Language": "fr"})
    french.force_login(shop.cast.distributor_user)
    assert "Du lundi au samedi, de 9 h à 19 h" in french.get("/shop/").content.decode()


def test_without_a_publication_the_page_says_the_hotline_is_not_published(shop: Shop):
    text = shop_client(shop).get("/shop/").content.decode()
    assert "The hotline is not published on the access page yet." in text


def test_the_shop_raises_a_difficulty_and_sees_both_notices(shop: Shop):
    client = shop_client(shop)
    assert client.get("/shop/new/acceptance/").status_code == 200
    response = client.post(
        "/shop/new/acceptance/",
        {
            "customer_reference": shop.customer.reference,
            "contract_kind": "subscription",
            "blocking": "The signature is missing.",
            "needed": "The customer signs page 2.",
        },
    )
    case = Case.objects.get(kind="acceptance")
    assert response.status_code == 302
    assert response["Location"] == f"/shop/cases/{case.reference}/"
    assert case.distributor == shop.cast.distributor
    acceptance_notice_send(
        case=case,
        party="customer",
        channel=Channel.EMAIL,
        body="Please come and sign page 2.",
        actor=shop.cast.agent,
    )
    acceptance_notice_impossible(
        case=case, party="distributor", reason="Told in person at the shop.", actor=shop.cast.agent
    )
    text = client.get(response["Location"]).content.decode()
    assert "The customer signs page 2." in text
    assert "Please come and sign page 2." in text
    assert "Told in person at the shop." in text
    assert str(shop.cast.agent) not in text  # staff names stay inside


def test_the_shop_cannot_raise_for_a_customer_of_another_shop(shop: Shop):
    response = shop_client(shop).post(
        "/shop/new/acceptance/",
        {
            "customer_reference": shop.cast.other_customer.reference,
            "contract_kind": "subscription",
            "blocking": "x",
            "needed": "y",
        },
    )
    assert response.status_code == 200
    assert "No customer of your point of sale has this customer number." in (
        response.content.decode()
    )
    assert not Case.objects.exists()


def test_the_shop_files_a_subscription_request(shop: Shop):
    motive = MotiveFactory.create(code="plan-change", label_en="Plan change")
    response = shop_client(shop).post(
        "/shop/new/request/",
        {
            "customer_reference": shop.customer.reference,
            "motive": motive.pk,
            "subject": "Move to the 100 GB plan",
            "description": "From next month.",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.kind, case.motive, case.distributor, case.channel) == (
        "request",
        motive,
        shop.cast.distributor,
        "web",
    )


def test_the_shop_answers_on_its_case(shop: Shop):
    case = raise_case(shop)
    client = shop_client(shop)
    empty = client.post(f"/shop/cases/{case.reference}/message/", {"body": " "})
    assert empty.status_code == 400
    sent = client.post(f"/shop/cases/{case.reference}/message/", {"body": "Signed today."})
    assert sent.status_code == 302
    message = case.events.get(kind=EventKind.CUSTOMER_MESSAGE)
    assert (message.body, message.data["from"], message.data["author"]) == (
        "Signed today.",
        "distributor",
        shop.cast.distributor_user.pk,
    )
    assert "Signed today." in client.get(f"/shop/cases/{case.reference}/").content.decode()


@pytest.mark.parametrize("role", ["agent", "customer_user", "auditor"])
def test_only_distributors_use_the_shop_pages(shop: Shop, role: str):
    client = Client()
    client.force_login(shop.cast.by_role_name(role))
    assert client.get("/shop/").status_code == 403
    assert client.get("/shop/new/acceptance/").status_code == 403


def test_the_navigation_leads_a_distributor_to_the_shop(shop: Shop):
    assert 'href="/shop/"' in shop_client(shop).get("/my-cases/").content.decode()
