"""Filing a stored message: parts kept through a quarantine, unknown senders filed."""

from __future__ import annotations

import pytest

from pacte.conftest import paris
from pacte.factories import MotiveFactory
from pacte.intake.models import Attachment, ChannelRoute
from pacte.mail.filing import inbound_parse
from pacte.mail.imap import Fetched
from pacte.mail.intake import inbound_store
from pacte.mail.models import InboundMessage, InboundStatus, Mailbox
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def _stored(raw: bytes, uid: int = 1) -> InboundMessage:
    mailbox, _created = Mailbox.objects.get_or_create(
        name="box", defaults={"host": "h", "username": "u", "password_env": "P"}
    )
    inbound, _stored = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=uid, internaldate=paris(2026, 3, 10, 8), raw=raw),
    )
    return inbound


def test_a_quarantined_message_keeps_its_attachments_for_the_retry(cast, frozen_now):
    # Given a message with two files, one of them empty, filed before any email route
    raw = email_bytes(
        attachments=[("bill.pdf", PDF, "application/pdf"), ("empty.txt", b"", "text/plain")]
    )
    inbound = inbound_parse(inbound_id=_stored(raw).pk)
    # Then it is quarantined, its file kept (no case yet) and every part listed
    assert (inbound.status, inbound.reason_code) == (
        InboundStatus.QUARANTINED,
        "no_route_for_email",
    )
    kept = inbound.attachments.get()
    assert (kept.original_name, kept.case) == ("bill.pdf", None)
    assert [(entry["path"], entry["outcome"]) for entry in inbound.parts] == [
        ("1", "body"),
        ("2", "stored"),
        ("3", "refused"),
    ]
    assert inbound.parts[2]["code"] == "file_empty"
    # When the route exists and the parse is retried
    ChannelRoute.objects.create(channel="email", team=cast.front, motive=MotiveFactory.create())
    inbound = inbound_parse(inbound_id=inbound.pk, retry=True)
    # Then the same file goes to the case, not a second copy
    assert inbound.status == InboundStatus.PARSED
    assert inbound.case is not None
    assert Attachment.objects.count() == 1
    kept.refresh_from_db()
    assert kept.case == inbound.case
    assert inbound.refused_attachments[0]["name"] == "empty.txt"
    assert "empty.txt" in inbound.case.description


def test_a_message_without_a_sender_opens_a_case_for_an_unidentified_customer(
    cast, frozen_now, email_route
):
    raw = b"From: Service client\r\nSubject: Ma facture\r\n\r\nBonjour.\r\n"
    inbound = inbound_parse(inbound_id=_stored(raw).pk)
    assert inbound.status == InboundStatus.PARSED
    assert (inbound.from_address, inbound.from_header) == ("", "Service client")
    assert inbound.case is not None
    customer = inbound.case.customer
    assert (customer.unidentified, customer.email, customer.last_name) == (
        True,
        "",
        "Service client",
    )
    assert inbound.case.team == cast.front
    # A second such message is another unknown customer: never folded into the first
    other = inbound_parse(inbound_id=_stored(raw.replace(b"Bonjour", b"Salut"), uid=2).pk)
    assert other.case is not None
    assert other.case.customer != customer


def test_a_reply_to_our_message_from_an_unreadable_sender_follows_up_the_case(
    cast, frozen_now, email_route, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = inbound_parse(inbound_id=_stored(email_bytes(message_id="one@x")).pk)
    assert first.case is not None
    ours = first.case.outbound_emails.get()
    reply = b"From: ???\r\nIn-Reply-To: <%s>\r\nSubject: Re\r\n\r\nMerci.\r\n" % (
        ours.message_id.encode()
    )
    follow_up = inbound_parse(inbound_id=_stored(reply, uid=2).pk)
    assert (follow_up.case, follow_up.created_case) == (first.case, False)
    assert follow_up.customer == first.customer
