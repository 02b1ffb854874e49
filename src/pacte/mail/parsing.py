"""From raw bytes to what intake needs: sender, subject, threading ids, text, attachments.

Nothing here touches the database. A message that cannot give a sender or whose
structure cannot be read raises ``Unparsable`` with a reason; every other defect
(broken boundary, unknown charset, 8-bit headers) is read as well as it can be.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.utils import getaddresses

from pacte.mail.errors import MailError

# The longest header value RFC 5322 allows on one line; longer Message-IDs are hashed.
MESSAGE_ID_MAX = 998
_MSGID = re.compile(r"<([^<>\s]+)>")
_TAGS = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLANKS = re.compile(r"\n\s*\n\s*\n+")
_HEADER_LIMIT = 300


class Unparsable(Exception):  # noqa: N818 - a verdict, not a programming error
    """The message cannot become a case: ``code`` and a readable ``reason``."""

    def __init__(self, code: MailError, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Part:
    name: str
    content: bytes
    declared_type: str


@dataclass
class ParsedMessage:
    from_address: str
    from_name: str
    subject: str
    message_id: str
    in_reply_to: str
    references: list[str]
    text: str
    attachments: list[Part] = field(default_factory=list)
    automatic: bool = False  # an auto-reply, bounce or list mail: never acknowledged


def clean(value: str) -> str:
    """Text safe to store: undecodable bytes recovered (UTF-8, else Latin-1), no NUL."""
    if _has_raw_bytes(value):
        raw = value.encode("utf-8", "surrogateescape")
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("cp1252", "replace")
    return value.replace("\x00", "")


def message_ids(value: str | None) -> list[str]:
    """The ``<id>`` tokens of a Message-ID, In-Reply-To or References header, in order."""
    return [
        found for found in _MSGID.findall(clean(str(value or ""))) if len(found) <= MESSAGE_ID_MAX
    ]


def head_message_id(raw: bytes) -> str:
    """The Message-ID read from the header block alone (no full parse), or ''."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    parsed = email.message_from_bytes(head + b"\n\n", policy=email.policy.compat32)
    try:
        found = message_ids(str(parsed.get("Message-ID", "")))
    except Exception:  # an unreadable header means "no Message-ID"
        return ""
    return found[0] if found and len(found[0]) <= MESSAGE_ID_MAX else ""


def body_sha256(raw: bytes) -> str:
    """The hash of a message's body: the same message delivered twice shares it even if
    the servers' trace headers differ."""
    separator = raw.find(b"\r\n\r\n")
    body = raw[separator + 4 :] if separator >= 0 else raw.partition(b"\n\n")[2]
    return hashlib.sha256(body).hexdigest()


def _has_raw_bytes(value: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in value)


def _header(message: Message, name: str) -> str:
    """A header's text. Raw 8-bit bytes (no encoded words) are read as UTF-8, else
    Latin-1, where the email package would put replacement characters."""
    raw = next((value for key, value in message.raw_items() if key.lower() == name.lower()), None)
    if raw is None:
        return ""
    if isinstance(raw, str) and _has_raw_bytes(raw):
        return re.sub(r"\r?\n[ \t]*", " ", clean(raw)).strip()
    try:
        value = message.get(name)
    except Exception:  # a malformed header is read as absent
        return ""
    return clean(str(value or "")).strip()


def _sender(message: Message) -> tuple[str, str]:
    raw_from = _header(message, "From")
    if not raw_from:
        raise Unparsable(MailError.NO_SENDER, "The message has no From header.")
    pairs = [(name, address) for name, address in getaddresses([raw_from]) if "@" in address]
    if not pairs:
        raise Unparsable(
            MailError.BAD_SENDER, f"The From header holds no usable address: {raw_from[:200]!r}."
        )
    name, address = pairs[0]
    return address.strip(), re.sub(r"\s+", " ", name).strip()[:200]


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


def html_to_text(markup: str) -> str:
    """Readable text from HTML: scripts, styles and tags dropped, entities decoded."""
    text = _HIDDEN.sub(" ", markup)
    text = re.sub(r"<\s*(br|/p|/div|/li|/tr)\b[^>]*>", "\n", text, flags=re.IGNORECASE)
    text = html.unescape(_TAGS.sub("", text))
    lines = "\n".join(line.strip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", lines).strip()


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:  # an unknown charset: read it as UTF-8, else Latin-1
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("cp1252", "replace")


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    text = _decoded(body)
    if body.get_content_type() == "text/html":
        text = html_to_text(text)
    return clean(text).strip()


def _attachments(message: EmailMessage) -> list[Part]:
    found: list[Part] = []
    for index, part in enumerate(message.iter_attachments(), start=1):
        if part.is_multipart():
            continue
        content = part.get_payload(decode=True)
        name = clean(part.get_filename() or "") or f"attachment-{index}"
        found.append(
            Part(
                name=name,
                content=content if isinstance(content, bytes) else b"",
                declared_type=part.get_content_type(),
            )
        )
    return found


def parse_message(raw: bytes) -> ParsedMessage:
    """Read ``raw``; ``Unparsable`` if it gives no sender or cannot be read at all."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        if not isinstance(message, EmailMessage):  # the default policy's class, always
            raise TypeError(type(message).__name__)
        address, name = _sender(message)
        ids = message_ids(_header(message, "Message-ID"))
        reply = message_ids(_header(message, "In-Reply-To"))
        return ParsedMessage(
            from_address=address,
            from_name=name,
            subject=re.sub(r"\s+", " ", _header(message, "Subject"))[:_HEADER_LIMIT],
            message_id=ids[0] if ids else "",
            in_reply_to=reply[0] if reply else "",
            references=message_ids(_header(message, "References"))[-50:],
            text=_text(message),
            attachments=_attachments(message),
            automatic=is_automatic(message),
        )
    except Unparsable:
        raise
    except Exception as error:  # any other failure is the message's defect
        raise Unparsable(
            MailError.UNDECODABLE, f"The message cannot be read: {type(error).__name__}: {error}"
        ) from error
