"""Emails ingested per second from a real IMAP server (Dovecot on loopback).

N messages are appended to a fresh Dovecot mailbox (not timed), then one
``mail_fetch`` run stores, files (a new case each, acknowledgement queued) and moves
them all; the rate is messages over that run's wall time. One in ten carries a small
PDF attachment.
"""

from __future__ import annotations

import os
import time
from email.message import EmailMessage

from pacte.cases.models import Motive, Team
from pacte.core import clock
from pacte.core.vocabulary import Channel
from pacte.demo.bench.report import BenchRow
from pacte.intake.models import ChannelRoute
from pacte.mail.intake import mail_fetch
from pacte.mail.models import InboundMessage, InboundStatus, Mailbox, Security
from pacte.mail.testserver import DOVECOT, dovecot_server

PASSWORD_ENV = "PACTE_BENCH_MAILBOX_PASSWORD"  # noqa: S105 - a variable name
NAME = "bench"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def bench_message(index: int) -> bytes:
    message = EmailMessage()
    message["From"] = f"Bench Customer {index % 500} <bench{index % 500}@example.org>"
    message["To"] = "service@pacte.localhost"
    message["Subject"] = f"Bench request {index}"
    message["Message-ID"] = f"<bench-{index}@example.org>"
    message.set_content(f"Hello, this is bench message {index}.\n" * 5)
    if index % 10 == 0:
        message.add_attachment(PDF, maintype="application", subtype="pdf", filename="bill.pdf")
    return message.as_bytes()


def _route() -> None:
    if not ChannelRoute.objects.filter(channel=Channel.EMAIL).exists():
        team = Team.objects.order_by("pk").first()
        motive = Motive.objects.order_by("pk").first()
        if team is None or motive is None:
            raise RuntimeError("the bench database has no team or motive")
        ChannelRoute.objects.create(channel=Channel.EMAIL, team=team, motive=motive)


def bench_mail(*, count: int) -> list[BenchRow]:
    """Append ``count`` messages to Dovecot, time one intake run; one row."""
    if not DOVECOT.exists():
        return [BenchRow("email intake (IMAP)", 0.0, "msg/s", "not measured: no dovecot")]
    _route()
    with dovecot_server() as server:
        previous = os.environ.get(PASSWORD_ENV)
        os.environ[PASSWORD_ENV] = server.password
        try:
            Mailbox.objects.update_or_create(
                name=NAME,
                defaults={
                    "host": server.host,
                    "port": server.port,
                    "security": Security.NONE,
                    "username": server.user,
                    "password_env": PASSWORD_ENV,
                    "active": True,
                },
            )
            server.append_many([bench_message(n) for n in range(count)], at=clock.now())
            began = time.perf_counter()
            report = mail_fetch(mailbox=NAME)
            seconds = time.perf_counter() - began
        finally:
            if previous is None:
                os.environ.pop(PASSWORD_ENV, None)
            else:
                os.environ[PASSWORD_ENV] = previous
    parsed = InboundMessage.objects.filter(mailbox__name=NAME, status=InboundStatus.PARSED)
    if report.parsed != count or parsed.count() < count:
        raise AssertionError(f"email bench: {report.parsed} of {count} messages parsed")
    return [
        BenchRow(
            "email intake (IMAP)",
            count / max(seconds, 1e-9),
            "msg/s",
            f"{count:,} messages: stored, new case each, acknowledgement queued, moved",
        )
    ]
