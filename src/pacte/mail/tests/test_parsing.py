"""Reading raw messages and IMAP responses, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pacte.mail.errors import MailError
from pacte.mail.imap import _messages, internaldate
from pacte.mail.intake import dedup_key
from pacte.mail.parsing import Unparsable, body_sha256, html_to_text, message_ids, parse_message
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


def test_dedup_key_is_the_message_id_else_the_hash():
    assert dedup_key(email_bytes(message_id="m@x")) == "mid:m@x"
    assert dedup_key(email_bytes(message_id=None)).startswith("sha256:")


def test_same_body_behind_other_trace_headers_has_the_same_body_hash():
    raw = email_bytes()
    assert body_sha256(b"Received: from a\r\n" + raw) == body_sha256(raw)


def test_html_becomes_text_without_scripts():
    markup = "<p>Bill&nbsp;wrong</p><script>steal()</script><style>p{}</style><br>Thanks"
    assert html_to_text(markup) == "Bill\xa0wrong\n\nThanks"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"Subject: x\r\n\r\nbody", MailError.NO_SENDER),
        (b"From: Jean\r\n\r\nbody", MailError.BAD_SENDER),
    ],
)
def test_messages_without_a_sender_are_unparsable(raw, code):
    with pytest.raises(Unparsable) as verdict:
        parse_message(raw)
    assert verdict.value.code == code


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
