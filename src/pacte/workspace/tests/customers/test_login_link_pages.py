"""Login by emailed link, through the pages: the same answer whatever the address, a
GET that never uses the link up, a POST that logs in once; used, expired and unknown
links each say so."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse

from pacte.conftest import Cast

pytestmark = pytest.mark.django_db
ASK = reverse("workspace:login_link")


def _link() -> str:
    (message,) = mail.outbox
    line = next(line for line in message.body.splitlines() if "/login/link/" in line)
    return line.removeprefix("http://testserver")


@pytest.fixture
def address(cast: Cast) -> str:
    cast.customer.email = "jeanne@example.org"
    cast.customer.save()
    return "jeanne@example.org"


def _ask(client: Client, email: str) -> str:
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(ASK, {"email": email}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_the_login_page_offers_the_link(client: Client) -> None:
    content = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ASK in content


def test_the_answer_is_the_same_whatever_the_address(
    client: Client, cast: Cast, address: str, frozen_now: datetime
) -> None:
    known = _ask(client, address)
    unknown = _ask(Client(), "nobody@example.org")
    assert known == unknown
    assert "If this address belongs to a customer account" in known
    assert len(mail.outbox) == 1


def test_following_the_link_logs_in_once(
    client: Client, cast: Cast, address: str, frozen_now: datetime
) -> None:
    _ask(client, address)
    link = _link()

    shown = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    again = client.get(link, HTTP_ACCEPT_LANGUAGE="en")  # a mail scanner, a second look
    assert shown.status_code == again.status_code == 200
    assert "Log in to my cases" in shown.content.decode()

    logged = client.post(link)
    assert logged.status_code == 302
    assert logged["Location"] == reverse("workspace:my_cases")
    assert client.get(reverse("workspace:my_cases")).status_code == 200
    assert int(client.session["_auth_user_id"]) == cast.customer_user.pk

    other = Client()
    used = other.post(link, HTTP_ACCEPT_LANGUAGE="en")
    assert used.status_code == 410
    assert "already used" in used.content.decode()
    assert "_auth_user_id" not in other.session
    assert other.get(link, HTTP_ACCEPT_LANGUAGE="en").status_code == 410


def test_an_expired_link_says_so(
    client: Client, cast: Cast, address: str, frozen_now: datetime
) -> None:
    _ask(client, address)
    link = _link()
    with time_machine.travel(frozen_now + timedelta(minutes=31), tick=False):
        response = client.post(link, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_link_is_a_404_page(client: Client, frozen_now: datetime) -> None:
    url = reverse("workspace:login_link_follow", args=["0" * 64])
    for response in (client.get(url, HTTP_ACCEPT_LANGUAGE="en"), client.post(url)):
        assert response.status_code == 404
    assert "not valid" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_malformed_address_is_shown_on_the_form(client: Client, frozen_now: datetime) -> None:
    response = client.post(ASK, {"email": "nope"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert mail.outbox == []


def test_the_pages_are_never_cached(client: Client, frozen_now: datetime) -> None:
    assert "no-cache" in client.get(ASK)["Cache-Control"]
