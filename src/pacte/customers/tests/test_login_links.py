"""Login by emailed link: a link only for a customer account's address, only its hash
kept, single use, expiring, rate-limited per address, sent by the worker."""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import TestCase
from pytest_django import Settings

from pacte.conftest import Cast
from pacte.core.errors import NotFoundError
from pacte.core.roles import Role
from pacte.customers.errors import LoginLinkError
from pacte.customers.login_links import (
    LinkGoneError,
    login_link_check,
    login_link_request,
    login_link_send,
    login_link_use,
    token_digest,
)
from pacte.customers.models import LoginLink
from pacte.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db
PREFIX = "http://testserver/login/link/"


@pytest.fixture(autouse=True)
def _immediate(settings: Settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _ask(email: str, language: str = "en") -> int:
    return login_link_request(email=email, url_prefix=PREFIX, language=language)


def _token() -> str:
    (message,) = mail.outbox
    line = next(line for line in message.body.splitlines() if line.startswith(PREFIX))
    return line.removeprefix(PREFIX).rstrip("/")


@pytest.fixture
def address(cast: Cast) -> str:
    cast.customer.email = "Jeanne.Durand@example.org"
    cast.customer.save()
    return "jeanne.durand@example.org"


def test_a_customers_address_gets_a_single_use_link_and_only_its_hash_is_kept(
    frozen_now: datetime, cast: Cast, address: str
) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert _ask(" JEANNE.durand@example.org ") == 1

    token = _token()
    link = LoginLink.objects.get()
    assert link.user == cast.customer_user
    assert link.token_hash == token_digest(token)
    assert token not in f"{link.nonce} {link.token_hash}"
    assert link.expires_at == frozen_now + timedelta(minutes=30)
    assert link.sent_at is not None
    assert mail.outbox[0].to == ["jeanne.durand@example.org"]
    assert "30 minutes" in mail.outbox[0].body

    assert login_link_check(token=token) == link  # looking does not use it up
    assert login_link_use(token=token) == cast.customer_user
    with pytest.raises(LinkGoneError) as used:
        login_link_use(token=token)
    assert used.value.code == LoginLinkError.USED
    assert used.value.status_code == 410


def test_the_email_is_in_the_language_asked(frozen_now: datetime, address: str) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        _ask(address, language="fr")
    assert "Votre lien de connexion" in mail.outbox[0].subject


@pytest.mark.parametrize(
    "who", ["unknown", "no_account", "inactive", "staff", "malformed"], ids=str
)
def test_no_link_for_an_address_without_an_active_customer_account(
    frozen_now: datetime, cast: Cast, who: str
) -> None:
    email = "someone@example.org"
    if who == "no_account":
        CustomerFactory.create(email=email, user=None)
    elif who == "inactive":
        user = UserFactory.create(username="gone", role=Role.CUSTOMER, is_active=False)
        CustomerFactory.create(email=email, user=user)
    elif who == "staff":
        UserFactory.create(username="staff", role=Role.AGENT, email=email)
    elif who == "malformed":
        email = "not an address"
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert _ask(email) == 0
    assert not LoginLink.objects.exists()
    assert mail.outbox == []


def test_the_account_address_itself_also_works(frozen_now: datetime, cast: Cast) -> None:
    cast.customer_user.email = "own@example.org"
    cast.customer_user.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert _ask("own@example.org") == 1


def test_an_expired_link_is_refused_and_never_sent_late(frozen_now: datetime, address: str) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        _ask(address)
    token = _token()
    link = LoginLink.objects.get()
    with time_machine.travel(frozen_now + timedelta(minutes=30), tick=False):
        with pytest.raises(LinkGoneError) as expired:
            login_link_use(token=token)
        assert login_link_send(link_id=link.pk, url_prefix=PREFIX) is False
    assert expired.value.code == LoginLinkError.EXPIRED
    with time_machine.travel(frozen_now + timedelta(minutes=29, seconds=59), tick=False):
        assert login_link_use(token=token) == link.user


def test_the_expiry_is_configurable(settings: Settings, frozen_now: datetime, address: str) -> None:
    settings.PACTE_LOGIN_LINK_MINUTES = 5
    _ask(address)
    assert LoginLink.objects.get().expires_at == frozen_now + timedelta(minutes=5)


@pytest.mark.parametrize("token", ["", "x", "0" * 64])
def test_an_unknown_token_is_not_found(frozen_now: datetime, token: str) -> None:
    with pytest.raises(NotFoundError) as unknown:
        login_link_use(token=token)
    assert unknown.value.code == LoginLinkError.UNKNOWN


def test_at_most_three_links_an_hour_per_address(frozen_now: datetime, address: str) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert [_ask(address) for _ in range(4)] == [1, 1, 1, 0]
    assert len(mail.outbox) == 3
    with time_machine.travel(frozen_now + timedelta(hours=1, seconds=1), tick=False):
        assert _ask(address) == 1


def test_a_failed_send_is_retried_while_the_link_works(
    monkeypatch: pytest.MonkeyPatch, frozen_now: datetime, address: str
) -> None:
    _ask(address)  # outside a commit: nothing sent yet
    link = LoginLink.objects.get()

    def refuse(*args: object, **kwargs: object) -> int:
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("pacte.customers.login_links.send_mail", refuse)
    later: list[int] = []
    monkeypatch.setattr(
        "pacte.customers.login_links._enqueue",
        lambda link_id, url_prefix, *, later_=False, **kw: later.append(link_id),
    )
    assert login_link_send(link_id=link.pk, url_prefix=PREFIX) is False
    link.refresh_from_db()
    assert link.send_attempts == 1
    assert link.sent_at is None
    assert later == [link.pk]
