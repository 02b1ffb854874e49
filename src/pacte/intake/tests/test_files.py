"""Attachments: the type read from the bytes, a size limit, generated names."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django import Settings

from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.intake.errors import IntakeError
from pacte.intake.files import SCAN_TYPES, attachment_check, attachment_store, sniff
from pacte.intake.models import Attachment
from pacte.intake.tests.conftest import BINARY, HTML, JPEG, PDF, PNG


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, ("application/pdf", "pdf")),
        (PNG, ("image/png", "png")),
        (JPEG, ("image/jpeg", "jpg")),
        (HTML, ("text/html", "html.txt")),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", ("text/html", "html.txt")),
        (BINARY, ("application/octet-stream", "bin")),
        ("Bonjour, je conteste ma facture. é".encode(), ("text/plain", "txt")),
    ],
)
def test_sniff_reads_the_type_from_the_bytes(content: bytes, expected: tuple[str, str]) -> None:
    assert sniff(content) == expected


def test_text_cut_in_a_multibyte_character_is_still_text() -> None:
    # Given 4095 ASCII bytes then "é" (2 bytes): the 4096-byte window cuts the é
    content = b"a" * 4095 + "é".encode() + b"tail"
    assert sniff(content) == ("text/plain", "txt")


@pytest.mark.django_db
def test_html_disguised_as_pdf_is_stored_as_html(media: Path) -> None:
    attachment = attachment_store(
        name="facture.pdf", content=HTML, channel=Channel.WEB, declared_type="application/pdf"
    )
    assert attachment.content_type == "text/html"
    assert attachment.declared_type == "application/pdf"
    assert attachment.original_name == "facture.pdf"
    # and the stored name is ours, with a harmless extension
    assert Path(attachment.file.name).name.endswith(".html.txt")
    assert "facture" not in attachment.file.name


@pytest.mark.django_db
def test_stored_name_is_generated_whatever_the_sender_called_the_file(media: Path) -> None:
    attachment = attachment_store(
        name="../../etc/passwd\x00.pdf", content=PDF, channel=Channel.EMAIL
    )
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(media.resolve())
    assert stored.name.endswith(".pdf")
    assert len(stored.stem) == 32  # a uuid4 hex
    assert attachment.original_name == "../../etc/passwd.pdf"  # kept, never used as a path
    assert stored.read_bytes() == PDF
    assert attachment.size == len(PDF)
    assert len(attachment.sha256) == 64


@pytest.mark.django_db
def test_two_files_of_the_same_name_do_not_collide() -> None:
    first = attachment_store(name="scan.pdf", content=PDF, channel=Channel.LETTER)
    second = attachment_store(name="scan.pdf", content=PDF + b"2", channel=Channel.LETTER)
    assert first.file.name != second.file.name


@pytest.mark.django_db
def test_an_empty_file_is_refused_and_nothing_is_stored(media: Path) -> None:
    with pytest.raises(PacteError) as refused:
        attachment_store(name="empty.pdf", content=b"", channel=Channel.WEB)
    assert refused.value.code == IntakeError.FILE_EMPTY
    assert "empty.pdf" in refused.value.message
    assert not Attachment.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(settings: Settings, media: Path) -> None:
    settings.PACTE_ATTACHMENT_MAX_BYTES = 100
    attachment_store(name="ok.pdf", content=PDF[:100], channel=Channel.WEB)  # at the limit
    with pytest.raises(PacteError) as refused:
        attachment_store(name="big.pdf", content=b"%PDF-" + b"x" * 96, channel=Channel.WEB)
    assert refused.value.code == IntakeError.FILE_TOO_LARGE
    assert Attachment.objects.count() == 1


def test_check_refuses_before_reading(settings: Settings) -> None:
    settings.PACTE_ATTACHMENT_MAX_BYTES = 10
    attachment_check(name="a", size=10)
    with pytest.raises(PacteError):
        attachment_check(name="a", size=11)
    with pytest.raises(PacteError):
        attachment_check(name="a", size=0)


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "accepted"), [(PDF, True), (PNG, True), (HTML, False)])
def test_allowed_types_are_checked_on_the_sniffed_type(content: bytes, accepted: bool) -> None:
    if accepted:
        attachment_store(name="x.pdf", content=content, channel=Channel.LETTER, allowed=SCAN_TYPES)
        assert Attachment.objects.count() == 1
    else:
        with pytest.raises(PacteError) as refused:
            attachment_store(
                name="x.pdf", content=content, channel=Channel.LETTER, allowed=SCAN_TYPES
            )
        assert refused.value.code == IntakeError.FILE_TYPE_REFUSED
        assert not Attachment.objects.exists()
