"""A closed month as files an outsider can check with ``sha256`` (docs/trail.md).

- ``closing.json``: the sealed document (format 2) and, under ``"seal"``, its seal;
- ``verdicts.jsonl`` and ``trail.jsonl``: the lines the document's digests are taken of;
- with events, ``events.jsonl``: for every chain under the month, each row's canonical
  document and hash, in chain order, so that the trail heads can be checked too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pacte.compliance.errors import ComplianceError
from pacte.compliance.models import ClosedTrailHead, ClosedVerdict, MonthClosing
from pacte.compliance.sealing import SEAL_FORMAT, VERDICT_FIELDS, canonical
from pacte.compliance.trail import chained_model
from pacte.core.chain import chain_rows, hashed_attnames, row_document, table_label
from pacte.core.errors import PacteError

CHUNK = 2000


def _document(closing: MonthClosing) -> dict[str, Any]:
    return {
        "format": closing.seal_format,
        "month": closing.label,
        "previous_seal": closing.previous_seal,
        "results": closing.results,
        "scheme": closing.scheme_version.scheme.code,
        "trail": {"count": closing.trail_count, "sha256": closing.trail_sha256},
        "verdicts": {"count": closing.verdicts_count, "sha256": closing.verdicts_sha256},
        "version": closing.scheme_version.number,
        "seal": closing.seal,
    }


def _lines(rows: Any) -> Iterator[bytes]:
    for row in rows.iterator(chunk_size=CHUNK):
        yield canonical(list(row)).encode() + b"\n"


def _events(closing: MonthClosing) -> Iterator[bytes]:
    heads = ClosedTrailHead.objects.filter(closing=closing).order_by("position")
    keys: dict[str, list[int]] = {}
    for chain, key in heads.values_list("chain", "key"):
        keys.setdefault(chain, []).append(key)
    for chain, chain_keys in keys.items():
        model = chained_model(chain)
        columns = hashed_attnames(model)
        for key, _pk, seq, prev, digest, values in chain_rows(model, keys=chain_keys):
            document = row_document(
                table=table_label(model),
                chain=key,
                seq=seq,
                prev_hash=prev,
                values=dict(zip(columns, values, strict=True)),
            )
            yield canonical({"document": document, "row_hash": digest}).encode() + b"\n"


def seal_export(*, closing: MonthClosing, folder: Path, events: bool = False) -> list[Path]:
    """Write the closing's files into ``folder``; the paths written. Reads only the
    database. Refuses a format-1 closing (its verdicts are inline in its seal)."""
    if closing.seal_format < SEAL_FORMAT:
        raise PacteError(
            ComplianceError.SEAL_FORMAT_OLD,
            f"{closing.label} was sealed in format {closing.seal_format}: "
            "check it with verify_seals.",
        )
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "closing.json"]
    written[0].write_text(
        json.dumps(_document(closing), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    verdicts = ClosedVerdict.objects.filter(closing=closing).order_by("position")
    trail = ClosedTrailHead.objects.filter(closing=closing).order_by("position")
    parts = {
        "verdicts.jsonl": _lines(verdicts.values_list(*VERDICT_FIELDS)),
        "trail.jsonl": _lines(trail.values_list("chain", "key", "seq", "row_hash")),
    }
    if events:
        parts["events.jsonl"] = _events(closing)
    for name, lines in parts.items():
        path = folder / name
        with path.open("wb") as stream:
            stream.writelines(lines)
        written.append(path)
    return written
