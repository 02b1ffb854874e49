"""Email intake end to end against a real Dovecot, acknowledgements through aiosmtpd."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from pacte.cases.models import Case, EventKind
from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer
from pacte.factories import CustomerFactory, open_case
from pacte.mail.errors import MailError
from pacte.mail.filing import inbound_parse
from pacte.mail.intake import mail_fetch
from pacte.mail.models import (
    InboundMessage,
    InboundStatus,
    Mailbox,
    OutboundKind,
    OutboundMessage,
)
from pacte.mail.outbound import outbound_answer
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db
ARRIVED = paris(2026, 3, 10, 9, 12, 5)


def _fetch(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return mail_fetch()


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


# The worker closes its database connections: the test commits (and restores the data).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_messages_open_three_cases_acknowledged_in_their_threads(
    cast, frozen_now, dovecot, mailbox, email_route, smtp
):
    # Given three customers' messages in the mailbox
    senders = ["Alice Martin <alice@example.org>", "bob@example.org", "Chloé <chloe@example.org>"]
    dovecot.append_many(
        [
            email_bytes(sender=sender, subject=f"Question {n}", message_id=f"q{n}@example.org")
            for n, sender in enumerate(senders, start=1)
        ],
        at=ARRIVED,
    )
    # When intake runs, then the worker
    report = mail_fetch()
    _run_worker()
    # Then three cases are open on the email channel, received at the server's arrival
    assert report.as_dict() | {"mailboxes": 1} == {
        "mailboxes": 1, "seen": 3, "stored": 3, "duplicates": 0, "parsed": 3,
        "quarantined": 0, "moved": 3, "already": 0, "errors": 0,
    }  # fmt: skip
    cases = list(Case.objects.order_by("id"))
    assert [case.subject for case in cases] == ["Question 1", "Question 2", "Question 3"]
    assert {case.channel for case in cases} == {Channel.EMAIL}
    assert {case.received_at for case in cases} == {ARRIVED}
    assert {case.team_id for case in cases} == {cast.front.pk}
    assert Customer.objects.get(email="alice@example.org").last_name == "Martin"
    # and each customer got an acknowledgement answering their message
    assert len(smtp.received) == 3
    by_recipient = {str(message["To"]): message for message in smtp.received}
    ack = by_recipient["alice@example.org"]
    assert cases[0].reference in str(ack["Subject"])
    assert str(ack["In-Reply-To"]) == "<q1@example.org>"
    assert str(ack["References"]) == "<q1@example.org>"
    assert str(ack["Message-ID"]).endswith("@pacte.localhost>")
    assert cases[0].due_at is not None
    assert OutboundMessage.objects.filter(status="sent", attempts=1).count() == 3
    # and the messages left the inbox for the processed folder
    assert dovecot.uids("INBOX") == []
    assert len(dovecot.uids("Processed")) == 3
    assert InboundMessage.objects.filter(moved_at__isnull=False).count() == 3


def test_rerun_on_an_empty_inbox_changes_nothing(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    dovecot.append(email_bytes(), at=ARRIVED)
    _fetch(django_capture_on_commit_callbacks)
    report = _fetch(django_capture_on_commit_callbacks)
    assert report.seen == report.stored == report.already == 0
    assert Case.objects.count() == InboundMessage.objects.count() == 1


def test_message_delivered_again_is_not_stored_twice(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    # Given a message already filed, delivered again (same Message-ID, same body)
    dovecot.append(email_bytes(), at=ARRIVED)
    _fetch(django_capture_on_commit_callbacks)
    dovecot.append(email_bytes(), at=ARRIVED + timedelta(minutes=5))
    # When intake reads it
    report = _fetch(django_capture_on_commit_callbacks)
    # Then it is kept as a duplicate of the first, moved, and not filed again
    assert (report.seen, report.stored, report.duplicates, report.moved) == (1, 0, 1, 1)
    assert Case.objects.count() == 1
    first, again = InboundMessage.objects.order_by("id")
    assert (again.status, again.duplicate_of, again.case) == (InboundStatus.DUPLICATE, first, None)
    assert dovecot.uids("INBOX") == []


def test_reply_to_the_acknowledgement_follows_up_the_case(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    # Given a case opened by email and acknowledged
    dovecot.append(email_bytes(message_id="first@example.org"), at=ARRIVED)
    _fetch(django_capture_on_commit_callbacks)
    case = Case.objects.get()
    ack = OutboundMessage.objects.get(case=case, kind=OutboundKind.ACKNOWLEDGEMENT)
    # When the customer answers the acknowledgement (any subject, threading headers only)
    reply = email_bytes(
        subject="Re: something else",
        body="Here is my contract number.",
        message_id="second@example.org",
        in_reply_to=ack.message_id,
        references=["first@example.org", ack.message_id],
    )
    dovecot.append(reply, at=ARRIVED + timedelta(minutes=20))
    _fetch(django_capture_on_commit_callbacks)
    # Then no new case: the message is a customer message on the case
    assert Case.objects.count() == 1
    event = case.events.get(kind=EventKind.CUSTOMER_MESSAGE)
    assert event.body == "Here is my contract number."
    assert event.at == ARRIVED + timedelta(minutes=20)
    follow_up = InboundMessage.objects.get(message_id="second@example.org")
    assert (follow_up.case, follow_up.created_case) == (case, False)
    # and an answer now threads under the customer's last message
    answer = outbound_answer(case=case, body="Thank you, fixed.")
    assert answer.in_reply_to == "second@example.org"
    assert answer.references.split() == ["first@example.org", ack.message_id, "second@example.org"]


def test_case_reference_in_subject_follows_up_only_the_senders_case(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    # Given a case of Alice's and one of someone else
    dovecot.append(email_bytes(message_id="a1@example.org"), at=ARRIVED)
    _fetch(django_capture_on_commit_callbacks)
    alice_case = Case.objects.get()
    other_case = open_case(received_at=ARRIVED, team=cast.front, customer=CustomerFactory.create())
    # When Alice writes a new message quoting her reference, then one quoting the other's
    dovecot.append_many(
        [
            email_bytes(subject=f"About {alice_case.reference}", message_id="a2@example.org"),
            email_bytes(subject=f"About {other_case.reference}", message_id="a3@example.org"),
        ],
        at=ARRIVED + timedelta(hours=1),
    )
    _fetch(django_capture_on_commit_callbacks)
    # Then the first follows up her case; the second opens a new case (not someone else's)
    assert InboundMessage.objects.get(message_id="a2@example.org").case == alice_case
    third = InboundMessage.objects.get(message_id="a3@example.org")
    assert third.created_case
    assert third.case not in (alice_case, other_case)
    assert not other_case.events.filter(kind=EventKind.CUSTOMER_MESSAGE).exists()


def test_without_a_route_messages_are_quarantined_then_parsed_on_retry(
    cast, frozen_now, dovecot, mailbox, django_capture_on_commit_callbacks, email_route_later
):
    # Given no route for the email channel
    dovecot.append(email_bytes(), at=ARRIVED)
    report = _fetch(django_capture_on_commit_callbacks)
    # Then the message is quarantined with the reason, and still moved (it is stored)
    inbound = InboundMessage.objects.get()
    assert (report.quarantined, inbound.status) == (1, InboundStatus.QUARANTINED)
    assert inbound.reason_code == MailError.NO_ROUTE
    assert "channel routes" in inbound.reason
    assert Case.objects.count() == 0
    # When the administrator adds the route and retries
    email_route_later()
    with django_capture_on_commit_callbacks(execute=True):
        inbound = inbound_parse(inbound_id=inbound.pk, retry=True)
    # Then it opens its case, acknowledged
    assert inbound.status == InboundStatus.PARSED
    assert inbound.case is not None
    assert inbound.reason == ""
    assert OutboundMessage.objects.filter(case=inbound.case).count() == 1


def test_parse_of_a_parsed_message_does_nothing(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    dovecot.append(email_bytes(), at=ARRIVED)
    _fetch(django_capture_on_commit_callbacks)
    inbound = InboundMessage.objects.get()
    again = inbound_parse(inbound_id=inbound.pk, retry=True)
    assert again.status == InboundStatus.PARSED
    assert Case.objects.count() == 1


def test_oversized_attachment_refused_and_written_on_the_case(
    cast, frozen_now, dovecot, mailbox, email_route, settings, django_capture_on_commit_callbacks
):
    settings.PACTE_ATTACHMENT_MAX_BYTES = 1000
    raw = email_bytes(
        attachments=[
            ("scan.pdf", b"%PDF-1.4 small", "application/pdf"),
            ("big.pdf", b"%PDF-1.4 " + b"x" * 5000, "application/pdf"),
        ]
    )
    dovecot.append(raw, at=ARRIVED)
    _fetch(django_capture_on_commit_callbacks)
    inbound = InboundMessage.objects.get()
    case = inbound.case
    assert case is not None
    assert [a.original_name for a in inbound.attachments.all()] == ["scan.pdf"]
    assert case.attachments.get().content_type == "application/pdf"
    assert [item["code"] for item in inbound.refused_attachments] == ["file_too_large"]
    assert "big.pdf" in case.description
    assert "over the limit" in case.description


def test_unknown_mailbox_name_is_refused(db):
    with pytest.raises(PacteError, match="No mailbox"):
        mail_fetch(mailbox="nope")


def test_unreachable_mailbox_is_reported_and_others_still_read(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    Mailbox.objects.create(
        name="broken",
        host="127.0.0.1",
        port=1,
        security="none",
        username="x",
        password_env="X_NONE",
    )
    dovecot.append(email_bytes(), at=ARRIVED)
    report = _fetch(django_capture_on_commit_callbacks)
    assert (report.errors, report.parsed) == (1, 1)
    assert "X_NONE" in Mailbox.objects.get(name="broken").last_error


def test_an_auto_reply_is_filed_but_never_acknowledged(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    # Given an out-of-office reply that lost our thread headers
    auto = email_bytes(subject="Absence", headers={"Auto-Submitted": "auto-replied"})
    dovecot.append(auto, at=ARRIVED)
    _fetch(django_capture_on_commit_callbacks)
    # Then it is filed (nothing is dropped) but gets no acknowledgement: no mail loop
    inbound = InboundMessage.objects.get()
    assert (inbound.status, inbound.created_case) == (InboundStatus.PARSED, True)
    assert not OutboundMessage.objects.filter(case=inbound.case).exists()
