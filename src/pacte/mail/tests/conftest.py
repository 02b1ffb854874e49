"""Real servers for the mail tests: Dovecot (IMAP) and aiosmtpd (SMTP) on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from pacte.conftest import skip_or_fail
from pacte.factories import MotiveFactory
from pacte.intake.models import ChannelRoute
from pacte.mail.models import Mailbox, Security
from pacte.mail.testserver import DOVECOT, Dovecot, dovecot_server, free_port

PASSWORD_ENV = "PACTE_TEST_MAILBOX_PASSWORD"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if not DOVECOT.exists():
        skip_or_fail("dovecot is not installed (/usr/sbin/dovecot: apt install dovecot-imapd)")
    with dovecot_server() as server:
        yield server


@pytest.fixture
def mailbox(db, dovecot, monkeypatch) -> Mailbox:
    monkeypatch.setenv(PASSWORD_ENV, dovecot.password)
    return Mailbox.objects.create(
        name="service",
        host=dovecot.host,
        port=dovecot.port,
        security=Security.NONE,
        username=dovecot.user,
        password_env=PASSWORD_ENV,
    )


@pytest.fixture
def email_route(cast) -> ChannelRoute:
    return ChannelRoute.objects.create(
        channel="email", team=cast.front, motive=MotiveFactory.create(code="email-request")
    )


@dataclass
class Collector:
    """What the SMTP server received, parsed."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


class Smtp:
    """An aiosmtpd server on a fixed loopback port that the test can stop and restart."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.collector = Collector()
        self.controller: Controller | None = None

    @property
    def received(self) -> list[EmailMessage]:
        return self.collector.messages

    def up(self) -> None:
        loop = asyncio.new_event_loop()
        self.controller = Controller(
            self.collector, hostname="127.0.0.1", port=self.port, loop=loop
        )
        self.controller.start()

    def down(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            if not self.controller.loop.is_closed():
                self.controller.loop.close()
            self.controller = None


@pytest.fixture
def smtp(settings) -> Iterator[Smtp]:
    server = Smtp(free_port())
    server.up()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield server
    finally:
        server.down()


@pytest.fixture
def email_route_later(cast):
    """Configure the email route when the test says so."""

    def configure() -> ChannelRoute:
        return ChannelRoute.objects.create(
            channel="email", team=cast.front, motive=MotiveFactory.create(code="email-later")
        )

    return configure
