"""A corpus of messages as real mail writes them, built here byte by byte.

Each message reproduces one class of defect seen in the wild (a wrong declared charset,
GBK inside a GB2312 encoded word, a raw Shift_JIS header, a quoted local part, ...).
``X-Corpus-Case`` names it; ``EXPECTED`` says what intake must make of it. Nothing
here is copied from another project's corpus.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

CRLF = b"\r\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass(frozen=True)
class Expected:
    status: str  # parsed, quarantined or duplicate
    reason_code: str = ""
    sender: str = ""  # the address read ('' for an unknown sender)
    name: str = ""  # the sender's name read
    subject: str = ""  # a fragment of the subject read
    text: tuple[str, ...] = ()  # fragments of the stored text
    files: tuple[str, ...] = ()  # names of the parts stored as files
    alternatives: int = 0
    inside: tuple[str, ...] = ()  # names listed inside an embedded message
    automatic: bool = False
    unidentified: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _lines(*lines: bytes | str) -> bytes:
    return CRLF.join(line.encode("utf-8") if isinstance(line, str) else line for line in lines)


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", CRLF)


def _head(case: str, *, sender: bytes | str, subject: bytes | str, mid: str) -> list[bytes | str]:
    return [
        f"X-Corpus-Case: {case}",
        b"From: " + (sender.encode("utf-8") if isinstance(sender, str) else sender),
        "To: service@pacte.localhost",
        b"Subject: " + (subject.encode("utf-8") if isinstance(subject, str) else subject),
        f"Message-ID: <{mid}@corpus.example>",
        "Date: Tue, 10 Mar 2026 08:00:00 +0100",
    ]


JAPANESE = "請求書の金額が間違っています。確認してください。"
TRADITIONAL = "帳單金額錯誤\uff0c請盡快處理"  # GBK has these; GB2312 does not


def _wrong_charset() -> bytes:
    return _lines(
        *_head("wrong-charset", sender="taro@example.jp", subject="Facture", mid="w1"),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "Content-Transfer-Encoding: 8bit",
        "",
        JAPANESE.encode("utf-8"),
        "",
    )


def _gbk_in_gb2312() -> bytes:
    word = b"=?GB2312?B?" + base64.b64encode(TRADITIONAL.encode("gbk")) + b"?="
    return _lines(
        *_head("gbk-in-gb2312", sender=b"=?GB2312?B?" + base64.b64encode("王小明".encode("gbk"))
               + b"?= <wang@example.cn>", subject=word, mid="g1"),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=GB2312",
        "Content-Transfer-Encoding: base64",
        "",
        _b64(TRADITIONAL.encode("gbk")),
    )  # fmt: skip


def _raw_shift_jis() -> bytes:
    return _lines(
        *_head(
            "raw-shift-jis",
            sender="山田 太郎 <yamada@example.jp>".encode("shift_jis"),
            subject="料金について".encode("shift_jis"),
            mid="s1",
        ),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=Shift_JIS",
        "Content-Transfer-Encoding: 8bit",
        "",
        "料金の請求について質問があります。".encode("shift_jis"),
        "",
    )


def _simple(case: str, sender: bytes | str, *, mid: str, body: bytes = b"Hello.") -> bytes:
    return _lines(*_head(case, sender=sender, subject=f"Case {case}", mid=mid), "", body, "")


def _banner_before_headers() -> bytes:
    return _lines(
        "---------- Forwarded message ---------",
        *_head("banner-first", sender="Claire Petit <claire@example.fr>", subject="Fwd: ligne",
               mid="b1"),
        "",
        "Ma ligne est coupée.",
        "",
    )  # fmt: skip


def _from_under_banner() -> bytes:
    return _lines(
        "X-Corpus-Case: from-under-banner",
        "To: service@pacte.localhost",
        "Subject: Fwd: facture",
        "Message-ID: <b2@corpus.example>",
        "Begin forwarded message:",
        "From: Paul Roux <paul@example.fr>",
        "",
        "Voici ma facture contestée.",
        "",
    )


def _same_id(case: str, sender: str, subject: str) -> bytes:
    return _lines(*_head(case, sender=sender, subject=subject, mid="same"), "", "Même texte.", "")


def _duplicate(trace: str) -> bytes:
    return _lines(
        f"Received: from {trace} by mx.pacte.localhost",
        *_head("delivered-twice", sender="ines@example.fr", subject="Deux fois", mid="d1"),
        "",
        "Une seule demande.",
        "",
    )


def _inline_image() -> bytes:
    return _lines(
        *_head("inline-image", sender="leo@example.fr", subject="Capture", mid="i1"),
        "MIME-Version: 1.0",
        'Content-Type: multipart/alternative; boundary="ALT"',
        "",
        "--ALT",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Voir la capture ci-dessous.",
        "--ALT",
        'Content-Type: multipart/related; boundary="REL"',
        "",
        "--REL",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<p>Voir la capture ci-dessous.</p><img src="cid:shot@corpus">',
        "--REL",
        "Content-Type: image/png",
        "Content-ID: <shot@corpus>",
        "Content-Transfer-Encoding: base64",
        "",
        _b64(PNG),
        "--REL--",
        "--ALT--",
        "",
    )


def _forwarded() -> bytes:
    inner = _lines(
        "From: Agence <agence@example.fr>",
        "Subject: Votre contrat",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="IN"',
        "",
        "--IN",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Ci-joint votre contrat.",
        "--IN",
        'Content-Type: application/pdf; name="contrat.pdf"',
        'Content-Disposition: attachment; filename="contrat.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        _b64(PDF),
        "--IN--",
    )
    return _lines(
        *_head("forwarded", sender="nina@example.fr", subject="TR: contrat", mid="f1"),
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="OUT"',
        "",
        "--OUT",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Je vous transfère le message de l'agence.",
        "--OUT",
        "Content-Type: message/rfc822",
        "Content-Disposition: attachment",
        "",
        inner,
        "--OUT--",
        "",
    )


def _bounce() -> bytes:
    return _lines(
        *_head("bounce", sender="Mail Delivery System <MAILER-DAEMON@mx.example.net>",
               subject="Undelivered Mail Returned to Sender", mid="r1"),
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="REP"',
        "",
        "--REP",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "Your message could not be delivered to nobody@example.net.",
        "--REP",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.net",
        "",
        "Final-Recipient: rfc822; nobody@example.net",
        "Action: failed",
        "Status: 5.1.1",
        "--REP",
        "Content-Type: message/rfc822",
        "",
        "From: service@pacte.localhost",
        "To: nobody@example.net",
        "Subject: [P00000001] We have received your message",
        "",
        "Hello.",
        "--REP--",
        "",
    )  # fmt: skip


def _auto_reply() -> bytes:
    return _lines(
        *_head("auto-reply", sender="Marc <marc@example.fr>", subject="Absence", mid="a1"),
        "Auto-Submitted: auto-replied",
        "",
        "Je suis absent jusqu'au 20 mars.",
        "",
    )


def _utf8_headers() -> bytes:
    return _lines(
        *_head("utf8-headers", sender="Zoë Ångström <zoe@example.se>",
               subject="Réclamation : débit injustifié", mid="u1"),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Un débit de 12,50 € m'a été prélevé.",
        "",
    )  # fmt: skip


def _latin1_holding_utf8() -> bytes:
    return _lines(
        *_head("latin1-utf8", sender="remi@example.fr", subject="Facture", mid="l1"),
        "Content-Type: text/plain; charset=iso-8859-1",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Votre facture de février est erronée.".encode(),
        "",
    )


def _carriage_returns() -> bytes:
    body = b"Ligne une\r\r\nLigne deux\rLigne trois"
    return _simple("carriage-returns", "cr@example.fr", mid="c1", body=body)


MESSAGES: dict[str, bytes] = {
    "wrong-charset": _wrong_charset(),
    "gbk-in-gb2312": _gbk_in_gb2312(),
    "raw-shift-jis": _raw_shift_jis(),
    "quoted-local": _simple("quoted-local", '"Test test"@example.com', mid="q1"),
    "quoted-local-words": _simple("quoted-local-words", '"power quadrant"@example.com', mid="q2"),
    "name-without-quotes": _simple("name-without-quotes", "Test test@example.com", mid="n1"),
    "dotless-domain": _simple("dotless-domain", "redacted@redacted", mid="n2"),
    "no-address": _simple("no-address", "Jean Dupont", mid="n3"),
    "no-from": _lines(
        "X-Corpus-Case: no-from", "Subject: Sans expéditeur", "", "Qui suis-je ?", ""
    ),
    "banner-first": _banner_before_headers(),
    "from-under-banner": _from_under_banner(),
    "same-id-first": _same_id("same-id-first", "alice@example.org", "Première"),
    "same-id-other": _same_id("same-id-other", "Mallory <mallory@example.net>", "Autre"),
    "delivered-twice": _duplicate("relay-a.example.net"),
    "delivered-twice-again": _duplicate("relay-b.example.net"),
    "inline-image": _inline_image(),
    "forwarded": _forwarded(),
    "bounce": _bounce(),
    "auto-reply": _auto_reply(),
    "utf8-headers": _utf8_headers(),
    "latin1-utf8": _latin1_holding_utf8(),
    "carriage-returns": _carriage_returns(),
    "not-an-email": b"\x89PNG\r\n\x1a\n\x00\x01 binary \xff\xfe without headers\r\n",
}

EXPECTED: dict[str, Expected] = {
    "wrong-charset": Expected("parsed", sender="taro@example.jp", text=(JAPANESE,)),
    "gbk-in-gb2312": Expected(
        "parsed", sender="wang@example.cn", name="王小明", subject=TRADITIONAL, text=(TRADITIONAL,)
    ),
    "raw-shift-jis": Expected(
        "parsed",
        sender="yamada@example.jp",
        name="山田 太郎",
        subject="料金について",
        text=("料金の請求について質問があります。",),
    ),
    "quoted-local": Expected("parsed", sender='"Test test"@example.com'),
    "quoted-local-words": Expected("parsed", sender='"power quadrant"@example.com'),
    "name-without-quotes": Expected("parsed", sender="test@example.com", name="Test"),
    "dotless-domain": Expected("parsed", sender="redacted@redacted"),
    "no-address": Expected("parsed", name="Jean Dupont", unidentified=True),
    "no-from": Expected(
        "parsed", subject="Sans expéditeur", text=("Qui suis-je",), unidentified=True
    ),
    "banner-first": Expected(
        "parsed", sender="claire@example.fr", name="Claire Petit", text=("Ma ligne est coupée.",)
    ),
    "from-under-banner": Expected("parsed", sender="paul@example.fr", name="Paul Roux"),
    "same-id-first": Expected("parsed", sender="alice@example.org", subject="Première"),
    "same-id-other": Expected("parsed", sender="mallory@example.net", subject="Autre"),
    "delivered-twice": Expected("parsed", sender="ines@example.fr"),
    "delivered-twice-again": Expected("duplicate", reason_code="duplicate"),
    "inline-image": Expected(
        "parsed", text=("Voir la capture",), files=("part-2.2.png",), alternatives=1
    ),
    "forwarded": Expected(
        "parsed",
        text=("Je vous transfère",),
        files=("Votre contrat.eml",),
        inside=("part-1.txt", "contrat.pdf"),
    ),
    "bounce": Expected(
        "parsed",
        sender="MAILER-DAEMON@mx.example.net",
        text=("could not be delivered",),
        files=("delivery-status.txt", "[P00000001] We have received your message.eml"),
        inside=("part-1.txt",),
        automatic=True,
    ),
    "auto-reply": Expected("parsed", sender="marc@example.fr", automatic=True),
    "utf8-headers": Expected(
        "parsed",
        sender="zoe@example.se",
        name="Zoë Ångström",
        subject="Réclamation : débit injustifié",
        text=("12,50 €",),
    ),
    "latin1-utf8": Expected("parsed", text=("février est erronée",)),
    # Dovecot turns a lone CR into CRLF; the parser's own handling is tested without it
    "carriage-returns": Expected("parsed", text=("Ligne une\n", "Ligne deux\nLigne trois")),
    "not-an-email": Expected("quarantined", reason_code="not_an_email"),
}
