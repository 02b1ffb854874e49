"""Reproducible samples of a month's items, per implemented indicator.

Method (docs/evidence.md): every item of an indicator's month population gets the key

    SHA-256( "<seed>:<indicator code>:<item id>" )   (UTF-8, lowercase hex)

and the sample is the ``size`` items with the smallest keys (ties, which SHA-256 makes
practically impossible, go to the smaller id). The key is computed and sorted by the
database (SQLite and PostgreSQL give the same hex), so the draw depends only on the
seed, the indicator and the items' ids, never on the order rows come back in; anyone
can re-check it with ``sha256sum``. A population smaller than ``size`` is taken whole,
and a sample of N is the first N items of the sample of N + 1.

Population: for a closed month, the sealed ``ClosedVerdict`` rows of the closing (so
the pack matches the sealed results); otherwise the live
``compliance.selectors.indicator_verdicts`` as of ``now``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.db.models import BigIntegerField, CharField, F, Func, QuerySet, TextField, Value
from django.db.models.functions import Cast, Concat

from pacte.cases.models import Case, CaseEvent, Clock
from pacte.commitments.models import Indicator, SchemeVersion
from pacte.compliance.indicators import computation_for
from pacte.compliance.labels import channel_label, item_kind_label, reason_label, verdict_label
from pacte.compliance.models import ClosedVerdict, MonthClosing
from pacte.compliance.selectors import indicator_verdicts
from pacte.evidence.models import MAX_SEED
from pacte.telephony.models import CallEvent, QueueVisit, WaitAnnouncement


class Sha256Hex(Func):
    """SHA-256 of a text, as lowercase hex, on SQLite (Django's function) and PostgreSQL
    (built-in ``sha256(bytea)``, no extension needed)."""

    function = "SHA256"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="ENCODE(SHA256(CONVERT_TO(%(expressions)s, 'UTF8')), 'hex')",
            **extra,
        )


@dataclass(frozen=True, slots=True)
class SampleItem:
    """One sampled item: what it is, its case, and its verdict."""

    commitment_code: str
    indicator_code: str
    item_kind: str
    item_id: int
    case_id: int | None
    verdict: str
    reason_code: str
    key: str
    case_reference: str = ""
    channel: str = ""
    received_at: datetime | None = None
    deadline: datetime | None = None
    late_recorded: bool = False  # rests on an event recorded after the fact (as of now)

    @property
    def verdict_label(self) -> str:
        return verdict_label(self.verdict)

    @property
    def reason(self) -> str:
        return reason_label(self.reason_code)

    @property
    def kind_label(self) -> str:
        return item_kind_label(self.item_kind)

    @property
    def channel_label(self) -> str:
        return channel_label(self.channel)


def seed_draw() -> int:
    """A fresh seed from the operating system's secure source (printed on the pack)."""
    return secrets.randbelow(10**9)


def valid_seed(seed: int) -> bool:
    return 0 <= seed <= MAX_SEED


def _key(*, seed: int, indicator_code: str, id_field: str) -> Sha256Hex:
    prefix = Value(f"{seed}:{indicator_code}:", output_field=TextField())
    return Sha256Hex(Concat(prefix, Cast(id_field, output_field=TextField())))


def implemented_indicators(version: SchemeVersion) -> list[Indicator]:
    """The version's active indicators that have a data source, by commitment and code."""
    indicators = (
        Indicator.objects.filter(commitment__version=version, commitment__active=True)
        .select_related("commitment__version__scheme")
        .order_by("commitment__code", "code")
    )
    return [i for i in indicators if computation_for(i.computation).implemented]


def _live(
    indicator: Indicator, *, year: int, month: int, now: datetime, seed: int, size: int
) -> list[SampleItem]:
    computation = computation_for(indicator.computation)
    items: QuerySet[Any] = indicator_verdicts(indicator=indicator, year=year, month=month, now=now)
    kind = items.model._meta.model_name or ""
    key = _key(seed=seed, indicator_code=indicator.code, id_field="pk")
    case_id = (  # items of no case (the access page's channels) have none
        F(f"{computation.case_path}_id")
        if computation.has_case
        else Value(None, output_field=BigIntegerField())
    )
    rows = (
        items.annotate(sample_key=key, sample_case_id=case_id)
        .order_by("sample_key", "pk")
        .values_list("pk", "sample_case_id", "verdict", "reason_code", "sample_key")[:size]
    )
    return [
        SampleItem(indicator.commitment.code, indicator.code, kind, pk, case_id, verdict, code, k)
        for pk, case_id, verdict, code, k in rows
    ]


def _sealed(
    indicator: Indicator, *, closing: MonthClosing, seed: int, size: int
) -> list[SampleItem]:
    key = _key(seed=seed, indicator_code=indicator.code, id_field="item_id")
    rows = (
        ClosedVerdict.objects.filter(closing=closing, indicator_code=indicator.code)
        .annotate(sample_key=key)
        .order_by("sample_key", "item_id")
        .values_list("item_kind", "item_id", "case_id", "verdict", "reason_code", "sample_key")[
            :size
        ]
    )
    return [
        SampleItem(indicator.commitment.code, indicator.code, kind, item_id, case_id, v, code, k)
        for kind, item_id, case_id, v, code, k in rows
    ]


def _late_items(items: list[SampleItem], late_clocks: set[int]) -> set[tuple[str, int]]:
    """The (kind, id) of the items that rest on a late-recorded event: clocks (already
    read), hand-offs, and calls with their visits and announcements (up to four queries)."""
    late = {("clock", pk) for pk in late_clocks}
    events = [item.item_id for item in items if item.item_kind == "caseevent"]
    if events:
        rows = CaseEvent.objects.filter(pk__in=events, late_recorded=True)
        late |= {("caseevent", pk) for pk in rows.values_list("pk", flat=True)}
    call_of = {("call", item.item_id): item.item_id for item in items if item.item_kind == "call"}
    for model in (QueueVisit, WaitAnnouncement):
        kind = model._meta.model_name or ""
        ids = [item.item_id for item in items if item.item_kind == kind]
        if ids:
            for pk, call_id in model.objects.filter(pk__in=ids).values_list("pk", "call_id"):
                call_of[(kind, pk)] = call_id
    if call_of:
        late_calls = set(
            CallEvent.objects.filter(
                call_id__in=set(call_of.values()), late_recorded=True
            ).values_list("call_id", flat=True)
        )
        late |= {key for key, call_id in call_of.items() if call_id in late_calls}
    return late


def _with_cases(items: list[SampleItem]) -> list[SampleItem]:
    """Fill in each item's case reference, channel, received at, deadline, and whether
    it rests on a late-recorded event (four to six queries)."""
    case_ids = {item.case_id for item in items if item.case_id is not None}
    cases = {
        row["pk"]: row
        for row in Case.objects.filter(pk__in=case_ids).values("pk", "channel", "received_at")
    }
    clock_ids = [item.item_id for item in items if item.item_kind == "clock"]
    clocks = Clock.objects.filter(pk__in=clock_ids).values_list(
        "pk", "effective_due_at", "late_recorded"
    )
    deadlines = {pk: due for pk, due, _late in clocks}
    late = _late_items(items, {pk for pk, _due, is_late in clocks if is_late})
    return [
        replace(
            item,
            case_reference=Case(pk=item.case_id).reference if item.case_id is not None else "",
            channel=cases[item.case_id]["channel"] if item.case_id in cases else "",
            received_at=cases[item.case_id]["received_at"] if item.case_id in cases else None,
            deadline=deadlines.get(item.item_id) if item.item_kind == "clock" else None,
            late_recorded=(item.item_kind, item.item_id) in late,
        )
        for item in items
    ]


def sample_draw(
    *,
    scheme_version: SchemeVersion,
    year: int,
    month: int,
    size: int,
    seed: int,
    now: datetime,
    closing: MonthClosing | None = None,
) -> list[SampleItem]:
    """Up to ``size`` items per implemented indicator of the version, by the seeded method.

    From ``closing``'s sealed verdicts when given, else from the live verdicts as of
    ``now``. Ordered by commitment, indicator, then key. Reads only: one query per
    indicator plus two for the items' cases and deadlines.
    """
    items: list[SampleItem] = []
    for indicator in implemented_indicators(scheme_version):
        if closing is not None:
            items += _sealed(indicator, closing=closing, seed=seed, size=size)
        else:
            items += _live(indicator, year=year, month=month, now=now, seed=seed, size=size)
    return _with_cases(items)
