"""Bytes to text as real mail needs it: the declared charset, then the usual fallbacks.

Senders declare charsets they do not use (UTF-8 sent as ISO-2022-JP, GBK as GB2312,
raw Shift_JIS in a header that declares nothing). Each decoding is strict, so a wrong
guess fails instead of producing replacement characters; the first clean decoding
wins:

1. the declared charset, except that bytes which are valid UTF-8 beyond ASCII are read
   as UTF-8 when a single-byte charset was declared (Latin-1 cannot tell, UTF-8 can);
2. UTF-8, then the declared family's superset (GB18030 for GB2312/GBK, cp932 for
   Shift_JIS and ISO-2022-JP, cp1252 for Latin-1 and ASCII, ...);
3. for raw 8-bit headers (RFC 6532), the charset of the message's body;
4. the ``charset-normalizer`` detector, as the last resort;
5. only then a lossy decoding (cp1252 with replacement characters).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re

import charset_normalizer

_DECLARED_FAMILIES: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "euc-cn": ("gb18030",),
    "cp936": ("gb18030",),
    "shift_jis": ("cp932",),
    "iso2022_jp": ("cp932", "euc_jp"),
    "euc_jp": ("cp932",),
    "big5": ("big5hkscs", "cp950"),
    "euc_kr": ("cp949",),
    "latin-1": ("cp1252",),
    "iso-8859-15": ("cp1252",),
    "ascii": ("cp1252",),
    "cp1252": ("latin-1",),
}
# Keyed by Python's own codec names (``codecs.lookup(...).name``).
_FAMILIES = {codecs.lookup(name).name: found for name, found in _DECLARED_FAMILIES.items()}
_SINGLE_BYTE = frozenset(
    codecs.lookup(name).name
    for name in ("latin-1", "iso-8859-15", "ascii", "cp1252", "iso-8859-2", "cp1250")
)
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_FOLDING = re.compile(r"\r?\n(?=[ \t])")
_NEWLINES = re.compile(r"\r*\n|\r")
_DETECTOR_LIMIT = 200_000


def codec_name(declared: str | None) -> str | None:
    """Python's name for a declared charset (``None`` if unknown or absent)."""
    name = (declared or "").strip().strip('"').split("*", 1)[0]
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _candidates(declared: str | None, context: str | None) -> list[str]:
    codec = codec_name(declared)
    order: list[str] = []
    if codec is not None:
        order.append(codec)
    order.append("utf-8")
    order.extend(_FAMILIES.get(codec or "", ()))
    context_codec = codec_name(context)
    if context_codec is not None:
        order.append(context_codec)
        order.extend(_FAMILIES.get(context_codec, ()))
    return list(dict.fromkeys(order))


def _is_utf8_beyond_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, declared: str | None, *, context: str | None = None) -> str:
    """``data`` as text: strictly by the first charset that fits (see the module's
    order); ``context`` is a second charset to try (the body's, for a raw header)."""
    if not data:
        return ""
    if codec_name(declared) in _SINGLE_BYTE and _is_utf8_beyond_ascii(data):
        return data.decode("utf-8")
    for codec in _candidates(declared, context):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data[:_DETECTOR_LIMIT]).best()
    if best is not None:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", "replace")


def newlines(text: str) -> str:
    """Line endings as ``\\n`` (``\\r\\n``, ``\\r\\r\\n`` and a lone ``\\r`` alike)."""
    return _NEWLINES.sub("\n", text)


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        if encoding.lower() == "b":
            return base64.b64decode(payload + "=" * (-len(payload) % 4), validate=True)
        return quopri.decodestring(payload.replace("_", " ").encode("ascii"), header=False)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def _raw_bytes(value: str) -> bytes:
    """A header value as the bytes it came in (the email package keeps 8-bit bytes as
    surrogate escapes)."""
    return value.encode("utf-8", "surrogateescape")


def has_raw_bytes(value: str) -> bool:
    """True if ``value`` holds bytes the email package could not decode (kept as
    surrogate escapes)."""
    return any("\udc80" <= char <= "\udcff" for char in value)


def reread(value: str, *, context: str | None = None) -> str:
    """``value`` with its undecoded bytes read again with the fallbacks."""
    return decode_bytes(_raw_bytes(value), None, context=context) if has_raw_bytes(value) else value


def header_text(value: str, *, context: str | None = None) -> str:
    """A header value as text: unfolded, RFC 2047 encoded words decoded each by its own
    charset with fallbacks, raw 8-bit bytes read as UTF-8 then ``context`` (the body's
    charset), whitespace between adjacent encoded words dropped, NUL removed."""
    value = _FOLDING.sub("", value)
    pieces: list[str] = []
    position, last_was_word = 0, False
    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        content = _word_bytes(match.group(2), match.group(3))
        if content is None:  # not a decodable word: kept as written
            continue
        if between and not (last_was_word and not between.strip()):
            pieces.append(decode_bytes(_raw_bytes(between), None, context=context))
        pieces.append(decode_bytes(content, match.group(1), context=context))
        position, last_was_word = match.end(), True
    pieces.append(decode_bytes(_raw_bytes(value[position:]), None, context=context))
    return newlines("".join(pieces)).replace("\x00", "")
