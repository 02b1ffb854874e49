"""Senders read as real mail writes them; without a database."""

from __future__ import annotations

import base64

import pytest

from pacte.mail.addresses import read_sender, usable_address
from pacte.mail.charsets import header_text


def _read(raw: str) -> tuple[str, str]:
    sender = read_sender(raw, header_text(raw))
    return sender.address, sender.name


@pytest.mark.parametrize(
    ("raw", "address", "name"),
    [
        ("Alice Martin <alice@example.org>", "alice@example.org", "Alice Martin"),
        ('"Martin, Alice" <alice@example.org>', "alice@example.org", "Martin, Alice"),
        ("=?utf-8?q?Ren=C3=A9_L=C3=A9ger?= <rene@example.fr>", "rene@example.fr", "René Léger"),
        # quoted local parts are valid RFC 5322
        ('"Test test"@example.com', '"Test test"@example.com', ""),
        ('"power quadrant system"@example.com', '"power quadrant system"@example.com', ""),
        # a display name without quotes, and no angle brackets
        ("Test test@example.com", "test@example.com", "Test"),
        # a domain without a dot, as private networks write them
        ("redacted@redacted", "redacted@redacted", ""),
        ("alice@example.org (Alice)", "alice@example.org", "Alice"),
        ("first@example.org, second@example.org", "first@example.org", ""),
        # no address at all: the sender is unknown, the name kept
        ("Jean Dupont", "", "Jean Dupont"),
        ("<>", "", ""),
        ("", "", ""),
    ],
)
def test_sender_read_strictly_then_leniently(raw, address, name):
    assert _read(raw) == (address, name)


def test_a_name_the_strict_parser_cannot_decode_comes_from_the_fallback_decoding():
    word = base64.b64encode("帳單".encode("gbk")).decode()
    assert _read(f"=?GB2312?B?{word}?= <zh@example.cn>") == ("zh@example.cn", "帳單")


@pytest.mark.parametrize(
    ("address", "usable"),
    [
        ("a@b.fr", True),
        ('"a b"@b.fr', True),
        ("a@[192.0.2.1]", True),
        ("a@b", True),
        ("a b@c.fr", False),
        ("@b.fr", False),
        ("a@", False),
        ("a@b..fr", False),
        ("a" * 250 + "@b.fr", False),
    ],
)
def test_usable_address(address, usable):
    assert usable_address(address) is usable
