"""The administrator's email quarantine screen: list, raw message, retry."""

from __future__ import annotations

import pytest

from pacte.conftest import paris
from pacte.factories import MotiveFactory
from pacte.intake.models import ChannelRoute
from pacte.mail.filing import inbound_parse
from pacte.mail.imap import Fetched
from pacte.mail.intake import inbound_store
from pacte.mail.models import InboundMessage, InboundStatus, Mailbox
from pacte.mail.tests.messages import email_bytes
from pacte.workspace.tests.conftest import ROLES

pytestmark = pytest.mark.django_db
URL = "/mail/quarantine/"
SCRIPT_SUBJECT = b"Subject: <script>alert('x')</script>\r\n"


def _quarantined(uid: int, *, sender: bytes = b"From: Jean Dupont\r\n") -> InboundMessage:
    """A message stored and filed without an email route: quarantined."""
    mailbox, _created = Mailbox.objects.get_or_create(
        name="service", defaults={"host": "imap.example.org", "username": "u", "password_env": "P"}
    )
    raw = sender + SCRIPT_SUBJECT + b"Message-ID: <q%d@example.org>\r\n\r\nHello\r\n" % uid
    inbound, _stored = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=uid, internaldate=paris(2026, 3, 10, 8), raw=raw),
    )
    return inbound_parse(inbound_id=inbound.pk)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_administrator_sees_the_quarantine(client, cast, frozen_now, role):
    message = _quarantined(1)
    client.force_login(cast.by_role_name(role))
    expected = 200 if role == "administrator" else 403
    assert client.get(URL).status_code == expected
    assert client.get(f"{URL}{message.pk}/").status_code == expected
    assert client.post(f"{URL}{message.pk}/retry/").status_code in (
        {302} if role == "administrator" else {403}
    )


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_list_shows_reason_at_a_fixed_query_count(
    client, cast, frozen_now, django_assert_num_queries
):
    for uid in range(1, 4):
        _quarantined(uid)
    client.force_login(cast.administrator)
    client.get(URL)  # warm the session
    with django_assert_num_queries(5):
        response = client.get(URL)
    body = response.content.decode()
    assert body.count("data-inbound=") == 3
    assert "channel routes" in body
    for uid in range(4, 9):
        _quarantined(uid)
    with django_assert_num_queries(5):
        assert client.get(URL).content.decode().count("data-inbound=") == 8


def test_raw_message_is_shown_as_text_never_as_html(client, cast, frozen_now):
    message = _quarantined(1)
    client.force_login(cast.administrator)
    body = client.get(f"{URL}{message.pk}/").content.decode()
    assert "&lt;script&gt;alert(" in body
    assert "<script>alert(" not in body


def test_retry_after_the_cause_is_fixed_files_the_message(client, cast, frozen_now):
    # Given a message quarantined for want of an email route
    message = _quarantined(1, sender=b"From: jean@example.org\r\n")
    assert message.reason_code == "no_route_for_email"
    client.force_login(cast.administrator)
    # When the retry is asked before the route exists, it stays quarantined with its reason
    response = client.post(f"{URL}{message.pk}/retry/", follow=True)
    assert "channel routes" in response.content.decode()
    # When the administrator adds the route and retries
    ChannelRoute.objects.create(channel="email", team=cast.front, motive=MotiveFactory.create())
    response = client.post(f"{URL}{message.pk}/retry/")
    # Then the message is filed and leaves the quarantine
    message.refresh_from_db()
    assert message.status == InboundStatus.PARSED
    assert response["Location"] == URL
    assert client.get(f"{URL}{message.pk}/").status_code == 404


def test_retry_is_a_post(client, cast, frozen_now):
    message = _quarantined(1)
    client.force_login(cast.administrator)
    assert client.get(f"{URL}{message.pk}/retry/").status_code == 405


def test_detail_lists_every_part_and_the_from_header_as_written(client, cast, frozen_now):
    # Given a message with a file and an empty file, quarantined for want of a route
    mailbox = Mailbox.objects.create(name="box", host="h", username="u", password_env="P")
    raw = email_bytes(
        sender="Jean Dupont <jean@example.org>",
        attachments=[("bill.pdf", b"%PDF-1.4\n", "application/pdf"), ("e.txt", b"", "text/plain")],
    )
    inbound, _stored = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=1, internaldate=paris(2026, 3, 10, 8), raw=raw),
    )
    message = inbound_parse(inbound_id=inbound.pk)
    client.force_login(cast.administrator)
    # When the administrator opens it (in English)
    body = client.get(f"{URL}{message.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Then each part is listed with what became of it
    assert "Jean Dupont &lt;jean@example.org&gt;" in body
    assert body.count("data-part=") == 3
    assert "file kept for the retry" in body
    assert "refused: e.txt: the file is empty." in body
