"""Storing what customers send: generated names, a size limit, the type read from the bytes.

The declared type (the sender's ``Content-Type`` or the browser's) is kept for the record
but never trusted: ``content_type`` is sniffed from the first bytes. Files are only ever
served as downloads (``Content-Disposition: attachment``), so an HTML or SVG file cannot
run in Pacte's origin.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat

from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.intake.errors import IntakeError
from pacte.intake.models import Attachment

OCTET_STREAM = "application/octet-stream"

# (magic prefix, offset, content type, extension)
_SIGNATURES: tuple[tuple[bytes, int, str, str], ...] = (
    (b"%PDF-", 0, "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png", "png"),
    (b"\xff\xd8\xff", 0, "image/jpeg", "jpg"),
    (b"GIF87a", 0, "image/gif", "gif"),
    (b"GIF89a", 0, "image/gif", "gif"),
    (b"II*\x00", 0, "image/tiff", "tif"),
    (b"MM\x00*", 0, "image/tiff", "tif"),
    (b"PK\x03\x04", 0, "application/zip", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "application/x-ole-storage", "bin"),
)
_WEBP = (b"RIFF", b"WEBP")
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml")
# Types a scan (letter) may have.
SCAN_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/tiff", "image/gif"})


def sniff(content: bytes) -> tuple[str, str]:
    """The content type and file extension the bytes show (never what the sender said)."""
    for magic, offset, content_type, extension in _SIGNATURES:
        if content[offset : offset + len(magic)] == magic:
            return content_type, extension
    if content[:4] == _WEBP[0] and content[8:12] == _WEBP[1]:
        return "image/webp", "webp"
    head = content[:512].lstrip().lower()
    if head.startswith(_MARKUP):
        return "text/html", "html.txt"
    if b"\x00" not in content[:4096]:
        try:
            content[:4096].decode("utf-8")
        except UnicodeDecodeError:
            # A multi-byte character cut at 4096 is still text.
            try:
                content[:4093].decode("utf-8")
            except UnicodeDecodeError:
                return OCTET_STREAM, "bin"
        return "text/plain", "txt"
    return OCTET_STREAM, "bin"


def max_attachment_bytes() -> int:
    return int(getattr(settings, "PACTE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def attachment_check(*, name: str, size: int) -> None:
    """Refuse an empty or oversized file before reading it (form and intake share this)."""
    if size == 0:
        raise PacteError(IntakeError.FILE_EMPTY, f"{name}: the file is empty.", name=name)
    limit = max_attachment_bytes()
    if size > limit:
        raise PacteError(
            IntakeError.FILE_TOO_LARGE,
            f"{name}: {size} bytes is over the limit of {limit} bytes.",
            name=name,
            limit=filesizeformat(limit),
        )


def attachment_store(
    *,
    name: str,
    content: bytes,
    channel: Channel,
    declared_type: str = "",
    allowed: frozenset[str] | None = None,
) -> Attachment:
    """Store ``content`` under a generated name; refuse it (PacteError) if empty, too large
    or, when ``allowed`` is given, of a sniffed type not in it."""
    original = (name or "").strip().replace("\x00", "")[:255] or "attachment"
    attachment_check(name=original, size=len(content))
    content_type, extension = sniff(content)
    if allowed is not None and content_type not in allowed:
        raise PacteError(
            IntakeError.FILE_TYPE_REFUSED,
            f"{original}: a file of type {content_type} is not accepted here.",
            name=original,
            type=content_type,
        )
    attachment = Attachment(
        channel=channel,
        original_name=original,
        size=len(content),
        content_type=content_type,
        declared_type=declared_type[:100],
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    attachment.save()
    return attachment
