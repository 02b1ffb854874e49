"""Reading raw messages and IMAP responses, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pacte.mail.errors import MailError
from pacte.mail.imap import _messages, internaldate
from pacte.mail.parsing import Unparsable, content_key, html_to_text, message_ids, parse_message
from pacte.mail.tests.messages import email_bytes


def test_internaldate_keeps_the_servers_offset():
    meta = b'1 (UID 7 INTERNALDATE " 9-Mar-2026 23:30:05 -0130" BODY[] {3}'
    assert internaldate(meta) == datetime(2026, 3, 10, 1, 0, 5, tzinfo=UTC)
    assert internaldate(meta).utcoffset() == -timedelta(hours=1, minutes=30)


def test_fetch_response_read_whatever_the_order_of_items():
    before = (b'1 (UID 7 INTERNALDATE "01-Mar-2026 10:00:00 +0100" BODY[] {3}', b"abc")
    after_literal = (b'2 (INTERNALDATE "02-Mar-2026 10:00:00 +0000" BODY[] {3}', b"def")
    found = list(_messages([before, b")", after_literal, b" UID 9)"]))
    assert [(item.uid, item.raw) for item in found] == [(7, b"abc"), (9, b"def")]
    assert found[1].internaldate == datetime(2026, 3, 2, 10, tzinfo=timezone.utc)  # noqa: UP017


def test_threading_headers_read_in_order():
    parsed = parse_message(
        email_bytes(message_id="c@x", in_reply_to="b@x", references=["a@x", "b@x"])
    )
    assert (parsed.message_id, parsed.in_reply_to, parsed.references) == (
        "c@x",
        "b@x",
        ["a@x", "b@x"],
    )
    assert message_ids("junk <a@x> more <b@y>") == ["a@x", "b@y"]


def test_the_same_message_behind_other_trace_headers_has_the_same_content_key():
    raw = email_bytes()
    relayed = b"Received: from a\r\nDelivered-To: x@y\r\nReturn-Path: <a@b>\r\n" + raw
    assert content_key(relayed) == content_key(raw)
    assert content_key(raw.replace(b"\r\n", b"\n")) == content_key(raw)
    assert content_key(b"From alice Mon Jan  1 00:00:00 2026\n" + raw) == content_key(raw)


@pytest.mark.parametrize(
    "other",
    [
        {"subject": "Another subject"},
        {"sender": "Mallory <mallory@example.net>"},
        {"headers": {"Cc": "bob@example.org"}},
        {"body": "Hello, my line has been down since yesterday!"},
    ],
)
def test_any_other_header_or_body_byte_gives_another_content_key(other):
    assert content_key(email_bytes(**other)) != content_key(email_bytes())


def test_html_becomes_text_without_scripts():
    markup = "<p>Bill&nbsp;wrong</p><script>steal()</script><style>p{}</style><br>Thanks"
    assert html_to_text(markup) == "Bill\xa0wrong\n\nThanks"


@pytest.mark.parametrize(
    ("raw", "name"),
    [(b"Subject: x\r\n\r\nbody", ""), (b"From: Jean Dupont\r\n\r\nbody", "Jean Dupont")],
)
def test_messages_without_an_address_have_an_unknown_sender(raw, name):
    parsed = parse_message(raw)
    assert (parsed.from_address, parsed.from_name, parsed.text) == ("", name, "body")


def test_bytes_without_any_header_are_not_an_email():
    with pytest.raises(Unparsable) as verdict:
        parse_message(b"\x89PNG random bytes\r\nno header at all\r\n")
    assert verdict.value.code == MailError.NOT_AN_EMAIL


@pytest.mark.parametrize(
    ("headers", "automatic"),
    [
        ({}, False),
        ({"Auto-Submitted": "no"}, False),
        ({"Auto-Submitted": "auto-replied"}, True),
        ({"Auto-Submitted": "auto-generated"}, True),
        ({"Precedence": "bulk"}, True),
        ({"Precedence": "first-class"}, False),
        ({"Return-Path": "<>"}, True),
        ({"X-Autoreply": "yes"}, True),
        ({"List-Id": "<news.example.org>"}, True),
    ],
)
def test_messages_no_human_wrote_are_marked_automatic(headers, automatic):
    assert parse_message(email_bytes(headers=headers)).automatic is automatic
