"""Every MIME part of a message accounted for: the body, its alternatives, the rest kept.

Each leaf part (and each embedded message) gets one entry in the message's list of
parts, with its path (``1.2``), declared type, name and size. The body text is read
from the part ``get_body`` chooses (plain before HTML); the other text version of the
same ``multipart/alternative`` is listed as its alternative. Every other part is a
file to keep: attachments, inline images of ``multipart/related``, delivery reports,
and embedded messages (``message/rfc822``), kept whole as ``.eml`` files with their
own parts listed.
"""

from __future__ import annotations

import html
import mimetypes
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from typing import Any

from pacte.mail.charsets import decode_bytes, header_text, newlines, reread

BODY, ALTERNATIVE, FILE = "body", "alternative", "file"
_REPORT_TYPES = frozenset({"message/delivery-status", "message/disposition-notification"})
_WIRE = policy.default.clone(linesep="\r\n", max_line_length=0)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\]+")
_NAME_MAX = 200
_TAGS = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLANKS = re.compile(r"\n\s*\n\s*\n+")


@dataclass(frozen=True)
class Part:
    """A part kept as a file."""

    path: str
    name: str
    content: bytes
    declared_type: str
    inline: bool = False
    inside: tuple[dict[str, Any], ...] = ()  # an embedded message's own parts


@dataclass
class Parts:
    body: Message | None = None
    listed: list[dict[str, Any]] = field(default_factory=list)  # body and alternatives
    files: list[Part] = field(default_factory=list)


def body_charset(message: EmailMessage) -> str | None:
    body = _body(message)
    return body.get_content_charset() if body is not None else None


def _body(message: Message) -> Message | None:
    if not isinstance(message, EmailMessage):
        return None
    try:
        return message.get_body(preferencelist=("plain", "html"))
    except (KeyError, IndexError, AttributeError, TypeError):
        return None


def _payload(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, TypeError, AssertionError):
        payload = None
    return payload if isinstance(payload, bytes) else b""


def _wire(part: Message) -> bytes:
    """A part serialised with CRLF line ends, as it travels."""
    try:
        return part.as_bytes(policy=_WIRE)
    except (ValueError, TypeError, LookupError, UnicodeError, AttributeError):
        return str(part).encode("utf-8", "surrogateescape")


def _report_content(part: Message) -> bytes:
    """A delivery or disposition report's fields (the part without its own header)."""
    wire = _wire(part)
    return wire.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in wire else wire


def _is_attachment(part: Message) -> bool:
    return (part.get_content_disposition() or "") == "attachment"


def _name(part: Message, *, path: str, context: str | None, fallback: str = "") -> str:
    try:
        name = part.get_filename() or ""
    except (ValueError, TypeError, IndexError):
        name = ""
    name = _UNSAFE_NAME.sub(" ", reread(name, context=context)).strip()[:_NAME_MAX]
    if name:
        return name
    if fallback:
        return fallback
    extension = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return f"part-{path}{extension}"


def _subject(message: Message, context: str | None) -> str:
    raw = next((value for key, value in message.raw_items() if key.lower() == "subject"), "")
    return " ".join(header_text(str(raw), context=context).split())


def listing(message: Message, *, context: str | None, prefix: str = "") -> list[dict[str, Any]]:
    """The parts inside an embedded message: path, type, name and size, nothing stored."""
    found: list[dict[str, Any]] = []
    children = message.get_payload() if message.is_multipart() else None
    if not isinstance(children, list):
        content = _payload(message)
        name = _name(message, path=prefix or "1", context=context)
        return [_entry(prefix or "1", message.get_content_type(), name, len(content), FILE)]
    for index, child in enumerate(children, start=1):
        path = f"{prefix}.{index}" if prefix else str(index)
        if isinstance(child, Message) and child.get_content_maintype() == "multipart":
            found.extend(listing(child, context=context, prefix=path))
        elif isinstance(child, Message):
            name = _name(child, path=path, context=context)
            found.append(_entry(path, child.get_content_type(), name, len(_payload(child)), FILE))
    return found


def _entry(path: str, declared: str, name: str, size: int, outcome: str) -> dict[str, Any]:
    return {"path": path, "type": declared, "name": name, "size": size, "outcome": outcome}


class _Walk:
    def __init__(self, message: EmailMessage, context: str | None) -> None:
        self.context = context
        self.parts = Parts(body=_body(message))

    def _contains_body(self, part: Message) -> bool:
        return self.parts.body is not None and any(
            found is self.parts.body for found in part.walk()
        )

    def visit(self, part: Message, path: str, *, in_alternative: bool) -> None:
        content_type = part.get_content_type()
        if part.get_content_maintype() == "multipart":
            children = part.get_payload()
            alternative = in_alternative or (
                content_type == "multipart/alternative" and self._contains_body(part)
            )
            for index, child in enumerate(children if isinstance(children, list) else [], 1):
                if isinstance(child, Message):
                    child_path = f"{path}.{index}" if path else str(index)
                    self.visit(child, child_path, in_alternative=alternative)
            return
        path = path or "1"
        if content_type in _REPORT_TYPES:
            name = _name(
                part, path=path, context=self.context, fallback=f"{part.get_content_subtype()}.txt"
            )
            self._file(Part(path, name, _report_content(part), content_type))
        elif part.get_content_maintype() == "message":
            self._message(part, path)
        elif part is self.parts.body:
            self.parts.listed.append(_entry(path, content_type, "", len(_payload(part)), BODY))
        elif (
            in_alternative
            and content_type in ("text/plain", "text/html")
            and not _is_attachment(part)
        ):
            self.parts.listed.append(
                _entry(path, content_type, "", len(_payload(part)), ALTERNATIVE)
            )
        else:
            name = _name(part, path=path, context=self.context)
            inline = (part.get_content_disposition() or "inline") == "inline"
            self._file(Part(path, name, _payload(part), content_type, inline=inline))

    def _message(self, part: Message, path: str) -> None:
        inner = part.get_payload(0) if part.is_multipart() else None
        if not isinstance(inner, Message):
            self._file(
                Part(path, f"message-{path}.eml", _report_content(part), part.get_content_type())
            )
            return
        subject = _subject(inner, self.context) or "message"
        name = _name(part, path=path, context=self.context, fallback=f"{subject[:80]}.eml")
        inside = tuple(listing(inner, context=self.context))
        self._file(Part(path, name, _wire(inner), part.get_content_type(), inside=inside))

    def _file(self, part: Part) -> None:
        self.parts.files.append(part)


def parts_of(message: EmailMessage, *, context: str | None) -> Parts:
    """The message's body part, its listed parts and the files to keep."""
    walk = _Walk(message, context)
    walk.visit(message, "", in_alternative=False)
    return walk.parts


def body_text(part: Message | None) -> str:
    """The body part's text: decoded with fallbacks, HTML read as text, ``\\n`` lines."""
    if part is None:
        return ""
    text = decode_bytes(_payload(part), part.get_content_charset())
    if part.get_content_type() == "text/html":
        text = html_to_text(text)
    return newlines(text).replace("\x00", "").strip()


def html_to_text(markup: str) -> str:
    """Readable text from HTML: scripts, styles and tags dropped, entities decoded."""
    text = _HIDDEN.sub(" ", markup)
    text = re.sub(r"<\s*(br|/p|/div|/li|/tr)\b[^>]*>", "\n", text, flags=re.IGNORECASE)
    text = html.unescape(_TAGS.sub("", text))
    lines = "\n".join(line.strip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", lines).strip()
