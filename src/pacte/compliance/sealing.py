"""The seal of a month closing: SHA-256 over one canonical JSON document.

The document (see docs/compliance.md, "Month closing") is::

    {"month":"YYYY-MM","previous_seal":"…","results":[…],"scheme":"CODE",
     "verdicts":[[indicator,kind,item_id,case_id,verdict,reason_code],…],"version":N}

serialised with sorted keys, ``","`` and ``":"`` separators, no whitespace, non-ASCII
kept as UTF-8. Verdict rows are hashed as a stream in their sealed order, so a month of
millions of items is never held in memory to check its seal; the bytes hashed are the
same as ``json.dumps`` of the whole document would give.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from pacte.compliance.selectors import IndicatorResult

VerdictRow = tuple[str, str, int, int | None, str, str]
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
