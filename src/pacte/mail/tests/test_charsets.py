"""Bytes to text with the declared charset, then fallbacks; without a database."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacte.mail.charsets import decode_bytes, header_text, newlines
from pacte.mail.parsing import parse_message

JAPANESE = "請求書の金額が間違っています"
TRADITIONAL = "帳單金額錯誤"


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("café".encode(), "utf-8", "café"),
        ("café".encode("latin-1"), "iso-8859-1", "café"),
        # UTF-8 declared as Latin-1: Latin-1 cannot tell, UTF-8 can
        ("février".encode(), "iso-8859-1", "février"),
        # UTF-8 declared as ISO-2022-JP (7-bit): the declared charset fails, UTF-8 fits
        (JAPANESE.encode(), "iso-2022-jp", JAPANESE),
        (JAPANESE.encode("iso-2022-jp"), "iso-2022-jp", JAPANESE),
        # GBK declared as GB2312: GB18030, its superset, reads it
        (TRADITIONAL.encode("gbk"), "gb2312", TRADITIONAL),
        # cp932's own characters declared as Shift_JIS
        ("①髙".encode("cp932"), "shift_jis", "①髙"),
        # cp1252's curly quote declared as Latin-1 or ASCII
        ("l\u2019offre".encode("cp1252"), "us-ascii", "l\u2019offre"),
        # an unknown charset name: UTF-8 first
        ("crème".encode(), "x-unknown-charset", "crème"),
        (b"", "utf-8", ""),
    ],
)
def test_declared_charset_then_its_family(data, declared, expected):
    assert decode_bytes(data, declared) == expected


def test_raw_header_bytes_fall_back_to_the_bodys_charset():
    raw = "料金について".encode("shift_jis").decode("utf-8", "surrogateescape")
    assert header_text(raw, context="shift_jis") == "料金について"
    assert header_text("Zoë".encode().decode("utf-8", "surrogateescape")) == "Zoë"


def test_encoded_words_each_by_their_charset_and_spaces_between_them_dropped():
    gbk = base64.b64encode(TRADITIONAL.encode("gbk")).decode()
    value = f"=?GB2312?B?{gbk}?= =?utf-8?q?caf=C3=A9?= et =?iso-8859-1?q?cr=E8me?=\r\n =?x?q?a?="
    # (an unknown charset is read as UTF-8 first)
    assert header_text(value) == f"{TRADITIONAL}café et crèmea"


def test_a_word_that_cannot_be_decoded_is_kept_as_written():
    assert header_text("=?utf-8?B?###?= x") == "=?utf-8?B?###?= x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\r\nb", "a\nb"), ("a\r\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\n\nb", "a\n\nb")],
)
def test_line_ends_become_newlines(text, expected):
    assert newlines(text) == expected


def test_stored_text_has_newline_line_ends_whatever_the_message_had():
    raw = b"From: a@example.org\r\nSubject: x\r\n\r\nLine one\r\r\nLine two\rLine three\r\n"
    assert parse_message(raw).text == "Line one\nLine two\nLine three"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_utf8_text_always_reads_back_whatever_single_byte_charset_is_declared(text):
    for declared in ("utf-8", "iso-8859-1", "us-ascii", "windows-1252", None):
        assert decode_bytes(text.encode(), declared) == text
