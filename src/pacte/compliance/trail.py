"""The trail a month's verdicts rest on: the heads of their hash chains, sealed and checked.

At closing, every item names the chain its verdict rests on (a case's events, a call's
events, a publication's channels: ``Computation.trail_spec``); the head of each chain
(its last position and hash) is stored and sealed (``ClosedTrailHead``). Checking a
closing walks those chains again: each must verify row by row, its sealed head must
still be there with the same hash, and no row after it may claim to have been
recorded before the closing (an event slipped in afterwards, dated back).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps

from pacte.compliance.models import ClosedTrailHead, MonthClosing
from pacte.compliance.sealing import TrailRow
from pacte.core.chain import ChainedModel, ChainWalk, chain_heads, chain_rows, hashed_attnames
from pacte.telephony.models import QueueLogSource

TrailRef = tuple[str, int]  # chained table label, chain key
CHUNK = 2000
CALL_EVENTS = "telephony.callevent"
QUEUE_LOG = "telephony.queuelogline"


def chained_model(label: str) -> type[ChainedModel]:
    model = apps.get_model(label)
    if not issubclass(model, ChainedModel):
        raise TypeError(f"{label} is not a chained table")
    return model


def queue_log_chains(refs: set[TrailRef]) -> set[TrailRef]:
    """When the month has phone items, the imported queue_log lines they may come from:
    one chain per source (a call derived from queue_log has no ACD event)."""
    if not any(label == CALL_EVENTS for label, _key in refs):
        return set()
    return {(QUEUE_LOG, pk) for pk in QueueLogSource.objects.values_list("pk", flat=True)}


def trail_heads(refs: Iterable[TrailRef]) -> Iterator[TrailRow]:
    """The current head of each chain ``refs`` names (chains with no row are left out),
    in sealed order: by chain label, then key."""
    keys: dict[str, set[int]] = defaultdict(set)
    for label, key in refs:
        keys[label].add(key)
    for label in sorted(keys):
        heads = chain_heads(chained_model(label), keys[label])
        for key in sorted(heads):
            seq, digest = heads[key]
            yield (label, key, seq, digest)


@dataclass(frozen=True, slots=True)
class TrailProblem:
    """Where the trail under a closing stops holding."""

    chain: str
    key: int
    seq: int
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.chain} {self.key}, row {self.seq}"
        if self.row_id is not None:
            where += f" (id {self.row_id})"
        return f"{where}: {self.problem}"


def _recorded_index(model: type[ChainedModel]) -> int | None:
    columns = hashed_attnames(model)
    return columns.index("recorded_at") if "recorded_at" in columns else None


def _check_chain_set(
    label: str, sealed: dict[int, tuple[int, str]], closed_at: datetime
) -> list[TrailProblem]:
    model = chained_model(label)
    walk = ChainWalk(model)
    recorded = _recorded_index(model)
    problems: list[TrailProblem] = []
    flagged: set[int] = set()
    for key, pk, seq, prev, digest, values in chain_rows(model, keys=sealed):
        walk.feed(key, pk, seq, prev, digest, values)
        head_seq, head_hash = sealed[key]
        if key in flagged:
            continue
        if seq == head_seq and digest != head_hash:
            problems.append(TrailProblem(label, key, seq, pk, "not the row sealed at the closing"))
            flagged.add(key)
        elif seq > head_seq and recorded is not None and values[recorded] <= closed_at:
            problems.append(
                TrailProblem(label, key, seq, pk, "added after the closing but dated before it")
            )
            flagged.add(key)
    for broken in walk.breaks:
        problems.append(
            TrailProblem(label, broken.chain, broken.seq, broken.row_id, broken.problem)
        )
    for key, (head_seq, _hash) in sealed.items():
        last = walk.heads.get(key, (0, ""))[0]
        if last < head_seq and key not in flagged:
            problems.append(
                TrailProblem(label, key, last + 1, None, "rows the seal names are missing")
            )
    return problems


def trail_verify(*, closing: MonthClosing) -> list[TrailProblem]:
    """Check the chains under ``closing`` against its sealed heads; reads only.

    Reports, per chain, the first row that is edited, missing or out of place, a sealed
    head no longer there, and a row after it dated before the closing.
    """
    sealed: dict[str, dict[int, tuple[int, str]]] = defaultdict(dict)
    rows = (
        ClosedTrailHead.objects.filter(closing=closing)
        .order_by("position")
        .values_list("chain", "key", "seq", "row_hash")
        .iterator(chunk_size=CHUNK)
    )
    for label, key, seq, digest in rows:
        sealed[label][key] = (seq, digest)
    problems: list[TrailProblem] = []
    for label in sorted(sealed):
        problems += _check_chain_set(label, sealed[label], closing.closed_at)
    return sorted(problems, key=lambda p: (p.chain, p.key, p.seq))
