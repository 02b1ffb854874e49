"""From raw bytes to what intake needs: sender, subject, threading ids, text, parts.

Nothing here touches the database. Only bytes that hold no header at all are
``Unparsable``; every other defect (an address written loosely or missing, a broken
boundary, a wrong or unknown charset, 8-bit headers) is read as well as it can be
(docs/email.md): a message without a usable sender is still filed, as from an
unknown sender.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from typing import Any

from pacte.mail.addresses import Sender, read_sender
from pacte.mail.charsets import header_text
from pacte.mail.errors import MailError
from pacte.mail.parts import Part, body_charset, body_text, html_to_text, parts_of

__all__ = ["MESSAGE_ID_MAX", "ParsedMessage", "Part", "Unparsable", "html_to_text"]

# The longest header value RFC 5322 allows on one line; longer Message-IDs are dropped.
MESSAGE_ID_MAX = 998
_MSGID = re.compile(r"<([^<>\s]+)>")
_HEADER_LIMIT = 300
_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:")
_FROM_LINE = re.compile(rb"^(?:>\s*)?From[ \t]*:[ \t]*(.+)$", re.IGNORECASE)
_BANNER_LINES = 5
_FROM_SEARCH_LINES = 60
# Fields added on the way (RFC 5321 trace fields, delivery agents' stamps): the same
# message delivered twice differs only in these.
TRACE_FIELDS = frozenset(
    {
        "received",
        "return-path",
        "delivered-to",
        "x-original-to",
        "envelope-to",
        "x-envelope-to",
        "x-delivered-to",
        "x-received",
    }
)


class Unparsable(Exception):  # noqa: N818 - a verdict, not a programming error
    """The message cannot become a case: ``code`` and a readable ``reason``."""

    def __init__(self, code: MailError, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass
class ParsedMessage:
    from_address: str  # '' when the sender is unknown
    from_name: str
    subject: str
    message_id: str
    in_reply_to: str
    references: list[str]
    text: str
    from_header: str = ""  # the From header as written (decoded), kept for the record
    attachments: list[Part] = field(default_factory=list)
    listed: list[dict[str, Any]] = field(default_factory=list)  # body and alternatives
    automatic: bool = False  # an auto-reply, bounce or list mail: never acknowledged


def message_ids(value: str | None) -> list[str]:
    """The ``<id>`` tokens of a Message-ID, In-Reply-To or References header, in order."""
    text = str(value or "").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return [found for found in _MSGID.findall(text) if len(found) <= MESSAGE_ID_MAX]


def _split(raw: bytes) -> tuple[list[bytes], bytes]:
    """The header lines (unfolded) and the body of ``raw``, line ends as CRLF."""
    normal = re.sub(rb"\r*\n|\r(?!\n)", b"\r\n", raw)
    if normal.startswith(b"From ") and b"\r\n" in normal:  # an mbox separator line
        normal = normal.split(b"\r\n", 1)[1]
    head, separator, body = normal.partition(b"\r\n\r\n")
    if not separator or not _HEADER_LINE.match(head):
        return [], normal
    lines: list[bytes] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += b" " + line.strip()
        else:
            lines.append(line)
    return lines, body


def content_key(raw: bytes) -> str:
    """The hash that says two messages are the same message: every header but the trace
    fields (names lower-cased, values unfolded and their spaces collapsed, in order)
    and the body's exact bytes, line ends normalised. Two deliveries of one message
    share it; a message that differs in any header or any byte of the body does not."""
    lines, body = _split(raw)
    digest = hashlib.sha256()
    for line in lines:
        name, _colon, value = line.partition(b":")
        key = name.strip().lower()
        if key.decode("ascii", "replace") in TRACE_FIELDS:
            continue
        digest.update(key + b":" + b" ".join(value.split()) + b"\r\n")
    digest.update(b"\r\n" + body)
    return digest.hexdigest()


def _raw_header(message: Message, name: str) -> str | None:
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return None


def _header(message: Message, name: str, context: str | None = None) -> str:
    """A header's text, decoded with fallbacks (``charsets.header_text``), or ''."""
    raw = _raw_header(message, name)
    return " ".join(header_text(raw, context=context).split()) if raw is not None else ""


def _read(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(message, EmailMessage):  # the default policy's class, always
        raise TypeError(type(message).__name__)
    return message


def _without_banner(raw: bytes) -> EmailMessage | None:
    """The message under a forwarding banner written before its headers
    (``---------- Forwarded message ---------``), if one gives a From header."""
    lines = raw.splitlines(keepends=True)
    for skip in range(1, min(_BANNER_LINES, len(lines)) + 1):
        if _HEADER_LINE.match(lines[skip - 1]):
            return None
        if skip < len(lines) and _HEADER_LINE.match(lines[skip]):
            message = _read(b"".join(lines[skip:]))
            return message if _raw_header(message, "From") is not None else None
    return None


def _buried_from(raw: bytes) -> str | None:
    """A ``From:`` line under a banner that cut the header block short."""
    for line in raw.splitlines()[:_FROM_SEARCH_LINES]:
        found = _FROM_LINE.match(line.strip())
        if found:
            return found.group(1).decode("utf-8", "surrogateescape")
    return None


def _sender(raw_from: str | None, context: str | None) -> Sender:
    if raw_from is None:
        return Sender(address="", name="", header="")
    return read_sender(raw_from, header_text(raw_from, context=context))


_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
_AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", "List-Id")


def is_automatic(message: Message) -> bool:
    """True for a message no human wrote (RFC 3834 ``Auto-Submitted``, ``Precedence:
    bulk``, a delivery report, the usual auto-reply headers): answering it with an
    acknowledgement could start a mail loop with another robot."""
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return True
    if _header(message, "Precedence").lower() in _BULK_PRECEDENCE:
        return True
    if _header(message, "Return-Path").strip() == "<>":
        return True
    if message.get_content_type() == "multipart/report":
        return True
    return any(_header(message, name) for name in _AUTO_HEADERS)


def parse_message(raw: bytes) -> ParsedMessage:
    """Read ``raw``; ``Unparsable`` only if it holds no header at all."""
    try:
        message = _read(raw)
        if _raw_header(message, "From") is None:
            message = _without_banner(raw) or message
        raw_from = _raw_header(message, "From")
        if raw_from is None:
            raw_from = _buried_from(raw)
        if not message.keys() and raw_from is None:
            raise Unparsable(
                MailError.NOT_AN_EMAIL, "No header could be read: these bytes are not an email."
            )
        context = body_charset(message)
        sender = _sender(raw_from, context)
        parts = parts_of(message, context=context)
        reply = message_ids(_raw_header(message, "In-Reply-To"))
        ids = message_ids(_raw_header(message, "Message-ID"))
        return ParsedMessage(
            from_address=sender.address,
            from_name=sender.name,
            from_header=sender.header[:2000],
            subject=_header(message, "Subject", context)[:_HEADER_LIMIT],
            message_id=ids[0] if ids else "",
            in_reply_to=reply[0] if reply else "",
            references=message_ids(_raw_header(message, "References"))[-50:],
            text=body_text(parts.body),
            attachments=parts.files,
            listed=parts.listed,
            automatic=is_automatic(message),
        )
    except Unparsable:
        raise
    except Exception as error:  # any other failure is the message's defect
        raise Unparsable(
            MailError.UNDECODABLE, f"The message cannot be read: {type(error).__name__}: {error}"
        ) from error
