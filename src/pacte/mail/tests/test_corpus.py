"""A corpus of malformed messages through a real mailbox: each one is quarantined with
its reason or parsed, none stops intake, none is lost."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pacte.conftest import paris
from pacte.mail.errors import MailError
from pacte.mail.intake import mail_fetch
from pacte.mail.models import InboundMessage, InboundStatus
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).parent / "data" / "malformed"
ARRIVED = paris(2026, 3, 10, 8, 30)
PARSED, QUARANTINED = InboundStatus.PARSED, InboundStatus.QUARANTINED
EXPECTED: dict[str, tuple[InboundStatus, str]] = {
    "no_from.eml": (PARSED, ""),  # an unknown sender's case
    "from_without_address.eml": (PARSED, ""),
    "garbage.eml": (QUARANTINED, MailError.NOT_AN_EMAIL),
    "bad_encoded_word.eml": (PARSED, ""),
    "duplicate_id_second.eml": (PARSED, ""),  # a reused Message-ID, another content
    "duplicate_id_first.eml": (PARSED, ""),
    "bad_base64.eml": (PARSED, ""),
    "broken_boundary.eml": (PARSED, ""),
    "invalid_charset.eml": (PARSED, ""),
    "empty_body.eml": (PARSED, ""),
    "attachment_only.eml": (PARSED, ""),
    "html_only_script.eml": (PARSED, ""),
    "non_utf8_headers.eml": (PARSED, ""),
    "no_message_id.eml": (PARSED, ""),
    "nul_in_body.eml": (PARSED, ""),
    "two_senders.eml": (PARSED, ""),
    "nested_message.eml": (PARSED, ""),
    "long_message_id.eml": (PARSED, ""),
    "huge_header": (PARSED, ""),
    "attachment_20_mb": (PARSED, ""),
}


def _key(raw: bytes) -> str:
    return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()


def _generated() -> dict[str, bytes]:
    """The two big messages, built here rather than kept in the repository."""
    huge = email_bytes(subject="Huge header " + "x" * 100_000, message_id="huge@corpus")
    trace = b"".join(b"Received: from relay%d.example.net by mx\r\n" % n for n in range(2000))
    big = email_bytes(
        subject="A 20 MB attachment",
        message_id="big@corpus",
        attachments=[("photo.jpg", b"\xff\xd8\xff" + b"\x00" * (20 * 1024 * 1024), "image/jpeg")],
    )
    return {"huge_header": trace + huge, "attachment_20_mb": big}


def test_every_malformed_message_is_quarantined_or_parsed(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    # Given the corpus in the mailbox (the first of two same-Message-ID messages first)
    corpus = {path.name: path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))}
    corpus |= _generated()
    assert set(corpus) == set(EXPECTED)
    dovecot.append_many(list(corpus.values()), at=ARRIVED)
    # When intake runs
    with django_capture_on_commit_callbacks(execute=True):
        report = mail_fetch()
    # Then nothing failed, everything was stored and moved
    assert (report.errors, report.seen, report.moved) == (0, len(corpus), len(corpus))
    assert dovecot.uids("INBOX") == []
    stored = {_key(bytes(message.raw)): message for message in InboundMessage.objects.all()}
    outcome = {
        name: (stored[_key(raw)].status, stored[_key(raw)].reason_code)
        for name, raw in corpus.items()
    }
    assert outcome == EXPECTED
    for name, (status, _code) in EXPECTED.items():
        message = stored[_key(corpus[name])]
        assert (message.case is not None) == (status == PARSED), name
        assert status == PARSED or message.reason, name


def _by_subject(subject: str) -> InboundMessage:
    return InboundMessage.objects.select_related("case").get(subject=subject)


def _description(message: InboundMessage) -> str:
    assert message.case is not None
    return message.case.description


def test_corpus_messages_are_read_as_well_as_they_can_be(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    names = ["html_only_script.eml", "non_utf8_headers.eml", "invalid_charset.eml"]
    names += ["attachment_only.eml", "nul_in_body.eml", "no_message_id.eml"]
    dovecot.append_many([(CORPUS / name).read_bytes() for name in names], at=ARRIVED)
    with django_capture_on_commit_callbacks(execute=True):
        mail_fetch()
    html = _description(_by_subject("HTML only with a script"))
    assert "My bill is wrong." in html
    assert "alert" not in html
    assert "<" not in html
    latin = _by_subject("Réclamation facture")
    assert latin.from_name == "René Léger"
    assert "vérifier" in _description(latin)
    assert "Café crème" in _description(_by_subject("Invalid charset"))
    attached = _by_subject("Attachment only")
    assert _description(attached) == ""
    assert attached.attachments.get().content_type == "application/pdf"
    assert "NUL" in _description(_by_subject("NUL byte in the body"))
    assert len(_by_subject("No Message-ID").content_key) == 64


def test_twenty_megabyte_attachment_is_refused_and_the_message_kept(
    cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks
):
    dovecot.append(_generated()["attachment_20_mb"], at=ARRIVED)
    with django_capture_on_commit_callbacks(execute=True):
        mail_fetch()
    message = InboundMessage.objects.get()
    assert message.status == PARSED
    assert message.size > 20 * 1024 * 1024
    assert not message.attachments.exists()
    assert message.refused_attachments[0]["name"] == "photo.jpg"
    assert message.refused_attachments[0]["code"] == "file_too_large"
    assert "photo.jpg" in _description(message)
