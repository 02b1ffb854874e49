"""Nothing is filed twice: two workers on one message, and the database's own guard."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from pacte.cases.models import Case
from pacte.conftest import paris
from pacte.mail.filing import inbound_parse
from pacte.mail.imap import Fetched
from pacte.mail.intake import inbound_store
from pacte.mail.models import InboundMessage, InboundStatus, Mailbox
from pacte.mail.tests.messages import email_bytes


def _stored(uid: int, message_id: str) -> InboundMessage:
    mailbox, _created = Mailbox.objects.get_or_create(
        name="box", defaults={"host": "h", "username": "u", "password_env": "P"}
    )
    inbound, _stored = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(
            uid=uid, internaldate=paris(2026, 3, 10, 8), raw=email_bytes(message_id=message_id)
        ),
    )
    return inbound


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_filing_one_message_open_one_case(cast, frozen_now, email_route):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises every writer")
    inbound = _stored(1, "one@example.org")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def file_it() -> None:
        barrier.wait()
        try:
            outcomes.append(inbound_parse(inbound_id=inbound.pk).status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == [InboundStatus.PARSED, InboundStatus.PARSED]
    assert Case.objects.count() == 1
    assert Case.objects.get().events.count() == 1


@pytest.mark.django_db
def test_a_case_cannot_have_two_source_messages(cast, frozen_now, email_route):
    first = inbound_parse(inbound_id=_stored(1, "a@example.org").pk)
    second = _stored(2, "b@example.org")
    second.case, second.created_case = first.case, True
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


@pytest.mark.django_db
def test_same_message_id_with_another_content_is_a_new_message(cast, frozen_now):
    mailbox = Mailbox.objects.create(name="box", host="h", username="u", password_env="P")
    at = paris(2026, 3, 10, 8)
    _first, stored_first = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=1, internaldate=at, raw=email_bytes(body="One")),
    )
    second, stored_second = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=2, internaldate=at, raw=email_bytes(body="Two")),
    )
    assert (stored_first, stored_second) == (True, True)
    assert second.status == InboundStatus.RECEIVED
    assert second.duplicate_of is None
    # The same UID read again (a run stopped before moving it) is the same row
    again, stored_again = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=2, internaldate=at, raw=email_bytes(body="Two")),
    )
    assert (again.pk, stored_again) == (second.pk, False)


@pytest.mark.django_db
def test_the_same_content_delivered_again_is_a_duplicate_row_pointing_to_the_first(
    cast, frozen_now
):
    mailbox = Mailbox.objects.create(name="box", host="h", username="u", password_env="P")
    at = paris(2026, 3, 10, 8)
    raw = email_bytes(body="One")
    first, _stored = inbound_store(
        mailbox=mailbox, uidvalidity=1, fetched=Fetched(uid=1, internaldate=at, raw=raw)
    )
    relayed = b"Received: from relay.example.net\r\n" + raw
    copy, stored = inbound_store(
        mailbox=mailbox, uidvalidity=1, fetched=Fetched(uid=5, internaldate=at, raw=relayed)
    )
    assert stored is True
    assert (copy.status, copy.duplicate_of, copy.reason_code) == (
        InboundStatus.DUPLICATE,
        first,
        "duplicate",
    )
    assert bytes(copy.raw) == relayed
    assert inbound_parse(inbound_id=copy.pk).status == InboundStatus.DUPLICATE
    # The database keeps one original per content
    clash = InboundMessage(
        mailbox=mailbox,
        uid=9,
        uidvalidity=1,
        content_key=first.content_key,
        sha256="x",
        raw=raw,
        size=len(raw),
        received_at=at,
        stored_at=at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()
