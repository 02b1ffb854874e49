"""Messages as real mail writes them (``realworld.py``), through Dovecot and intake: every
one leaves a row, its text reads cleanly, and every MIME part is accounted for."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import Message

import pytest

from pacte.cases.models import EventKind
from pacte.conftest import paris
from pacte.intake.models import Attachment
from pacte.mail.intake import mail_fetch
from pacte.mail.models import InboundMessage, OutboundMessage
from pacte.mail.tests.realworld import EXPECTED, MESSAGES

pytestmark = pytest.mark.django_db
ARRIVED = paris(2026, 3, 10, 8, 30)
REPLACEMENT = "\ufffd"


def _marker(name: str) -> bytes:
    """What finds a message's row (Dovecot stores line ends and NUL bytes its own way)."""
    special = {"delivered-twice": b"relay-a", "delivered-twice-again": b"relay-b"}
    return special.get(
        name, b" binary " if name == "not-an-email" else b"X-Corpus-Case: %s\r\n" % name.encode()
    )


def _leaves(part: Message) -> int:
    """The parts a message has, counted without our code: each leaf, and each embedded
    message or report as one."""
    if part.get_content_maintype() == "message":
        return 1
    children = part.get_payload()
    if part.is_multipart() and isinstance(children, list):
        return sum(_leaves(child) for child in children if isinstance(child, Message))
    return 1


@pytest.fixture
def fetched(cast, frozen_now, dovecot, mailbox, email_route, django_capture_on_commit_callbacks):
    assert set(MESSAGES) == set(EXPECTED)
    dovecot.append_many(list(MESSAGES.values()), at=ARRIVED)
    with django_capture_on_commit_callbacks(execute=True):
        report = mail_fetch()
    rows = list(InboundMessage.objects.all())
    found = {name: [row for row in rows if _marker(name) in bytes(row.raw)] for name in MESSAGES}
    assert {name: len(matches) for name, matches in found.items()} == dict.fromkeys(MESSAGES, 1)
    return report, {name: matches[0] for name, matches in found.items()}


def test_every_message_leaves_a_row_with_its_documented_outcome(fetched):
    report, rows = fetched
    assert (report.seen, report.errors, report.moved) == (len(MESSAGES), 0, len(MESSAGES))
    assert InboundMessage.objects.count() == len(MESSAGES)
    outcome = {name: (row.status, row.reason_code) for name, row in rows.items()}
    assert outcome == {name: (want.status, want.reason_code) for name, want in EXPECTED.items()}
    assert rows["delivered-twice-again"].duplicate_of == rows["delivered-twice"]
    for name, row in rows.items():
        assert (row.case is not None) == (EXPECTED[name].status == "parsed"), name


def test_senders_are_read_as_real_mail_writes_them(fetched):
    _report, rows = fetched
    for name, want in EXPECTED.items():
        row = rows[name]
        if want.status != "parsed":
            continue
        if want.sender:
            assert row.from_address.lower() == want.sender.lower(), name
            assert row.customer.email.lower() == want.sender.lower(), name
        if want.name:
            assert row.from_name == want.name, name
        assert row.customer.unidentified is want.unidentified, name
        assert row.case.customer == row.customer, name
    assert rows["no-address"].from_header == "Jean Dupont"
    assert rows["no-address"].case.team.code == "front"
    # Two messages that share a Message-ID but not their sender are two customers' cases
    assert rows["same-id-first"].case != rows["same-id-other"].case
    assert rows["same-id-first"].customer != rows["same-id-other"].customer


def test_no_stored_text_holds_a_replacement_character_and_lines_end_with_newline(fetched):
    _report, rows = fetched
    for name, want in EXPECTED.items():
        row = rows[name]
        if want.status != "parsed":
            continue
        texts = [row.subject, row.from_name, row.case.subject, row.case.description]
        texts += list(row.case.events.values_list("body", flat=True))
        for text in texts:
            assert REPLACEMENT not in text, (name, text)
            assert "\r" not in text, (name, text)
        for fragment in want.text:
            assert fragment in row.case.description, (name, row.case.description)
        if want.subject:
            assert want.subject in row.subject, (name, row.subject)


def test_every_mime_part_is_stored_or_listed(fetched):
    _report, rows = fetched
    for name, want in EXPECTED.items():
        row = rows[name]
        if want.status != "parsed":
            continue
        parsed = message_from_bytes(MESSAGES[name], policy=policy.default)
        assert len(row.parts) == _leaves(parsed), (name, row.parts)
        outcomes = [entry["outcome"] for entry in row.parts]
        assert set(outcomes) <= {"body", "alternative", "stored", "refused"}, name
        assert outcomes.count("alternative") == want.alternatives, name
        stored = [entry for entry in row.parts if entry["outcome"] == "stored"]
        assert sorted(entry["name"] for entry in stored) == sorted(want.files), name
        for entry in stored:
            attachment = Attachment.objects.get(pk=entry["attachment"])
            assert attachment.case == row.case, name
            assert attachment.size == entry["size"] > 0, name
        inside = [item["name"] for entry in stored for item in entry.get("inside", [])]
        assert inside == list(want.inside), name


def test_embedded_message_is_kept_whole_as_an_eml_file(fetched):
    _report, rows = fetched
    entry = next(item for item in rows["forwarded"].parts if item["outcome"] == "stored")
    with Attachment.objects.get(pk=entry["attachment"]).file.open("rb") as stored:
        content = stored.read()
    inner = message_from_bytes(content, policy=policy.default)
    assert inner["Subject"] == "Votre contrat"
    assert [part.get_filename() for part in inner.iter_attachments()] == ["contrat.pdf"]


def test_robots_and_unknown_senders_get_no_acknowledgement(fetched):
    _report, rows = fetched
    acknowledged = set(OutboundMessage.objects.values_list("case_id", flat=True))
    for name, want in EXPECTED.items():
        row = rows[name]
        if want.status == "parsed" and row.created_case:
            expected = not want.automatic and not want.unidentified
            assert (row.case_id in acknowledged) is expected, name
    opened = rows["no-from"].case.events.get(kind=EventKind.OPENED)
    assert opened.body == rows["no-from"].case.description
