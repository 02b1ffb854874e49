"""The seal of a month closing: SHA-256 over one canonical JSON document.

Format 2 (every closing made since the trail is sealed; docs/trail.md)::

    {"format":2,"month":"YYYY-MM","previous_seal":"…","results":[…],"scheme":"CODE",
     "trail":{"count":N,"sha256":"…"},"verdicts":{"count":N,"sha256":"…"},"version":N}

where ``verdicts.sha256`` is the SHA-256 of the verdict lines, one per item in sealed
order, each the canonical JSON ``[indicator,kind,item_id,case_id,verdict,reason_code]``
followed by ``\n``; and ``trail.sha256`` that of the trail head lines
``[chain,key,seq,row_hash]`` followed by ``\n``, sorted by chain then key: the last
row, at the closing, of each hash chain the verdicts rest on. So the figures
(``results``) and the seal can be checked in a blink, and the verdicts and the trail
with ``sha256sum`` of an export.

Format 1 (closings made before): the verdict rows inline::

    {"month":"YYYY-MM","previous_seal":"…","results":[…],"scheme":"CODE",
     "verdicts":[[indicator,kind,item_id,case_id,verdict,reason_code],…],"version":N}

Both are serialised with sorted keys, ``","`` and ``":"`` separators, no whitespace,
non-ASCII kept as UTF-8. Rows are hashed as a stream, so a month of millions of items
is never held in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from pacte.compliance.models import MonthClosing
from pacte.compliance.selectors import IndicatorResult

VerdictRow = tuple[str, str, int, int | None, str, str]
TrailRow = tuple[str, int, int, str]  # chain, key, seq, row_hash
SEAL_FORMAT = 2
# The columns of a ClosedVerdict that the seal covers, in this order.
VERDICT_FIELDS = ("indicator_code", "item_kind", "item_id", "case_id", "verdict", "reason_code")


def canonical(value: Any) -> str:
    """The canonical JSON text of a value: sorted keys, no whitespace, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def result_snapshot(result: IndicatorResult) -> dict[str, Any]:
    """One indicator result as JSON-safe data; decimals as strings ("95.00")."""
    return {
        key: str(value) if isinstance(value, Decimal) else value
        for key, value in asdict(result).items()
    }


def seal_of(
    *,
    scheme_code: str,
    version_number: int,
    label: str,
    results: list[dict[str, Any]],
    verdicts: Iterable[VerdictRow],
    previous_seal: str,
) -> str:
    """The SHA-256 hex digest of the canonical document, verdicts in the given order."""
    head: dict[str, Any] = {
        "month": label,
        "previous_seal": previous_seal,
        "results": results,
        "scheme": scheme_code,
    }
    digest = hashlib.sha256()
    digest.update(canonical(head)[:-1].encode())
    digest.update(b',"verdicts":[')
    for index, row in enumerate(verdicts):
        digest.update((b"," if index else b"") + canonical(list(row)).encode())
    digest.update(f'],"version":{canonical(version_number)}}}'.encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class LinesDigest:
    """How many lines, and the SHA-256 of their bytes."""

    count: int
    sha256: str


class LineHasher:
    """SHA-256 of canonical JSON lines, fed one row at a time."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self.count = 0

    def add(self, row: Iterable[Any]) -> None:
        self._digest.update(canonical(list(row)).encode() + b"\n")
        self.count += 1

    def result(self) -> LinesDigest:
        return LinesDigest(count=self.count, sha256=self._digest.hexdigest())


def lines_digest(rows: Iterable[Iterable[Any]]) -> LinesDigest:
    hasher = LineHasher()
    for row in rows:
        hasher.add(row)
    return hasher.result()


def seal_document(
    *,
    scheme_code: str,
    version_number: int,
    label: str,
    results: list[dict[str, Any]],
    verdicts: LinesDigest,
    trail: LinesDigest,
    previous_seal: str,
) -> str:
    """The canonical text of a format-2 sealed document."""
    return canonical(
        {
            "format": SEAL_FORMAT,
            "month": label,
            "previous_seal": previous_seal,
            "results": results,
            "scheme": scheme_code,
            "trail": {"count": trail.count, "sha256": trail.sha256},
            "verdicts": {"count": verdicts.count, "sha256": verdicts.sha256},
            "version": version_number,
        }
    )


def seal_v2(**document: Any) -> str:
    """The SHA-256 hex digest of ``seal_document(**document)``."""
    return hashlib.sha256(seal_document(**document).encode()).hexdigest()


def closing_seal(closing: MonthClosing, *, verdicts: LinesDigest, trail: LinesDigest) -> str:
    """The format-2 seal of ``closing``'s stored figures and previous seal with these
    digests (the scheme version read through the closing)."""
    return seal_v2(
        scheme_code=closing.scheme_version.scheme.code,
        version_number=closing.scheme_version.number,
        label=closing.label,
        results=closing.results,
        verdicts=verdicts,
        trail=trail,
        previous_seal=closing.previous_seal,
    )
