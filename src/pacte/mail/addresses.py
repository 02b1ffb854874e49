"""Who sent a message, read as real mail writes it.

The standard library's policy-aware parser is asked first; when it reports a defect or
finds no address with a domain, a lenient reading takes over: the last token shaped
like ``local@domain`` (a quoted local part included) is the address and what is left
is the name. An address needs a local part and a domain; a domain without a dot
(``redacted@redacted``) is accepted, as mail servers on a private network write them.
When no address can be found the sender is unknown: the message is still filed
(docs/email.md), with the raw header kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.errors import HeaderParseError

from pacte.mail.charsets import has_raw_bytes

_QUOTED_LOCAL = r'"(?:[^"\\\r\n]|\\.)+"'
_ATOM_LOCAL = r"[^\s<>()\[\],;:\"@]+"
_DOMAIN = r"(?:[^\s<>()\[\],;:\"@.]+(?:\.[^\s<>()\[\],;:\"@.]+)*|\[[^\]\s]+\])"
_ADDRESS = re.compile(rf"(?:{_QUOTED_LOCAL}|{_ATOM_LOCAL})@{_DOMAIN}")
_ADDRESS_ONLY = re.compile(rf"\A{_ADDRESS.pattern}\Z")
_SPACES = re.compile(r"\s+")
NAME_MAX = 200
ADDRESS_MAX = 254  # what a customer's email field holds


@dataclass(frozen=True)
class Sender:
    address: str  # '' when no address could be found
    name: str
    header: str  # the From header as decoded text


def usable_address(address: str) -> bool:
    """True for ``local@domain`` with a dot-atom or quoted local part and a domain."""
    return len(address) <= ADDRESS_MAX and bool(_ADDRESS_ONLY.match(address))


def _tidy_name(name: str) -> str:
    name = _SPACES.sub(" ", name).strip().strip("\"'()").strip()
    return name[:NAME_MAX]


def _lenient(text: str) -> Sender | None:
    found = list(_ADDRESS.finditer(text))
    if not found:
        return None
    match = found[-1]
    rest = (text[: match.start()] + text[match.end() :]).replace("<>", " ")
    rest = rest.replace("<", " ").replace(">", " ")
    return Sender(address=match.group(0), name=_tidy_name(rest), header=text)


def _clean(value: str) -> bool:
    return "\ufffd" not in value and not has_raw_bytes(value)


def _strict(text: str) -> Sender | None:
    """The first address the policy parser reads without a defect, or None."""
    try:
        header = policy.default.header_factory("From", text)
        if header.defects:
            return None
        addresses = getattr(header, "addresses", ())
    except (HeaderParseError, IndexError, ValueError, TypeError, AttributeError):
        return None
    for found in addresses:
        if found.username and found.domain and usable_address(found.addr_spec):
            name = found.display_name if _clean(found.display_name) else ""
            return Sender(address=found.addr_spec, name=_tidy_name(name), header=text)
    return None


def read_sender(raw: str, text: str) -> Sender:
    """The sender of a From header: ``raw`` as it came (encoded words and 8-bit bytes
    left as they are), ``text`` the same decoded (``charsets.header_text``)."""
    text = _SPACES.sub(" ", text).strip()
    strict = _strict(_SPACES.sub(" ", raw).strip())
    lenient = _lenient(text)
    if strict is not None:
        same = lenient is not None and lenient.address.lower() == strict.address.lower()
        name = strict.name or (lenient.name if lenient is not None and same else "")
        return Sender(address=strict.address, name=name, header=text)
    if lenient is not None:
        return lenient
    return Sender(
        address="", name=_tidy_name(text.replace("<", " ").replace(">", " ")), header=text
    )
