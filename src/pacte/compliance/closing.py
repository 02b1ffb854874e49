"""Closing and reopening a month: freeze the results and every verdict, seal, chain.

Services take keyword arguments only, run in one transaction and record one
``ClosingEvent``. A snapshot, once written, is never updated nor deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BigIntegerField, Model, Q, Value
from django.utils import translation

from pacte.commitments.models import Indicator, Scheme, SchemeVersion
from pacte.compliance.errors import ComplianceError
from pacte.compliance.indicators import computation_for
from pacte.compliance.models import (
    ClosedTrailHead,
    ClosedVerdict,
    ClosingEvent,
    ClosingEventKind,
    ClosingStatus,
    MonthClosing,
)
from pacte.compliance.periods import month_bounds
from pacte.compliance.sealing import (
    SEAL_FORMAT,
    VERDICT_FIELDS,
    LineHasher,
    LinesDigest,
    TrailRow,
    VerdictRow,
    closing_seal,
    result_snapshot,
)
from pacte.compliance.selectors import indicator_verdicts, month_results
from pacte.compliance.trail import TrailRef, queue_log_chains, trail_heads
from pacte.core import clock
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may

# Months close in the scheme's legal time: a month has ended at local midnight, Paris.
CLOSING_ZONE = "Europe/Paris"
BATCH_SIZE = 2000


def _require_quality_manager(actor: User) -> None:
    if not may(actor, Action.COMPLIANCE_CLOSE):
        raise ForbiddenError(
            ComplianceError.NOT_QUALITY_MANAGER, "Only a quality manager may close or reopen."
        )


def current_verdicts(
    *,
    scheme_version: SchemeVersion,
    year: int,
    month: int,
    now: datetime,
    trail: set[TrailRef] | None = None,
) -> Iterator[VerdictRow]:
    """Every item verdict of the month as of ``now``, in the sealed order.

    Indicators by code, then items by primary key; indicators without a data source
    give no rows. Streams each indicator's queryset in chunks (one query per chunk).
    When ``trail`` is given, the chain each item rests on is added to it.
    """
    indicators = (
        Indicator.objects.filter(commitment__version=scheme_version, commitment__active=True)
        .select_related("commitment__version__scheme")
        .order_by("code", "pk")
    )
    for indicator in indicators:
        computation = computation_for(indicator.computation)
        if not computation.implemented:
            continue
        items = indicator_verdicts(indicator=indicator, year=year, month=month, now=now)
        kind = items.model._meta.model_name or ""
        if not computation.has_case:  # items of no case (the access page's channels)
            items = items.annotate(no_case_id=Value(None, output_field=BigIntegerField()))
        case_column = f"{computation.case_path}_id" if computation.has_case else "no_case_id"
        spec = computation.trail_spec if trail is not None else None
        chain, path = spec if spec is not None else ("", None)
        columns = ["pk", case_column, "verdict", "reason_code"] + ([path] if path else [])
        rows = items.order_by("pk").values_list(*columns)
        for row in rows.iterator(chunk_size=BATCH_SIZE):
            if trail is not None and chain:
                key = row[4] if path else 0
                if key is not None:
                    trail.add((chain, int(key)))
            yield (indicator.code, kind, row[0], row[1], row[2], row[3])


def _insert_sql(model: type[Model], names: tuple[str, ...]) -> str:
    """``INSERT INTO <model's table> (<names' columns>) VALUES (…)``."""
    quote = connection.ops.quote_name
    fields = {field.name: field.column for field in model._meta.concrete_fields}
    columns = ", ".join(quote(fields[name]) for name in names)
    table = quote(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(names))
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - _meta names


def _stored(closing: MonthClosing, rows: Iterable[VerdictRow]) -> Iterator[VerdictRow]:
    """Pass the rows through, writing them as ClosedVerdicts in batches of BATCH_SIZE.

    Plain ``executemany`` of column values: the rows are already what the columns
    hold (strings and integers), and building a model instance per row was most of
    a closing's time at a million items.
    """
    sql = _insert_sql(ClosedVerdict, ("closing", "position", *VERDICT_FIELDS))
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for position, row in enumerate(rows):
            batch.append((closing.pk, position, *row))
            if len(batch) >= BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch = []
            yield row
        if batch:
            cursor.executemany(sql, batch)


def _previous_closing(*, scheme_id: int, year: int, month: int) -> MonthClosing | None:
    earlier = Q(year__lt=year) | Q(year=year, month__lt=month)
    return (
        MonthClosing.objects.filter(earlier, scheme_id=scheme_id, status=ClosingStatus.CLOSED)
        .order_by("-year", "-month", "-closed_at", "-pk")
        .first()
    )


def _check_closable(*, scheme_version: SchemeVersion, year: int, month: int, now: datetime) -> None:
    _, end = month_bounds(year=year, month=month, zone=CLOSING_ZONE)
    if now < end:
        raise PacteError(
            ComplianceError.MONTH_NOT_ENDED,
            f"{year}-{month:02d} has not ended yet (Paris time); it cannot be closed.",
        )
    if MonthClosing.objects.filter(
        scheme_id=scheme_version.scheme_id, year=year, month=month, status=ClosingStatus.CLOSED
    ).exists():
        raise PacteError(
            ComplianceError.MONTH_ALREADY_CLOSED, f"{year}-{month:02d} is already closed."
        )


@transaction.atomic
def month_close(
    *, scheme_version: SchemeVersion, year: int, month: int, actor: User, now: datetime
) -> MonthClosing:
    """Close a calendar month for the version's scheme: freeze, seal, chain.

    Preconditions: ``actor`` is a quality manager; the month has ended in Paris time at
    ``now``; no active closing exists for the scheme and month. Locks the scheme row
    so closings of one scheme are serialised and the chain stays linear. Writes the
    results snapshot, one ClosedVerdict per item (bulk, in batches), the seal chained
    to the latest earlier closed month of the scheme, and a ``closed`` ClosingEvent.
    """
    _require_quality_manager(actor)
    Scheme.objects.select_for_update().get(pk=scheme_version.scheme_id)
    _check_closable(scheme_version=scheme_version, year=year, month=month, now=now)
    previous = _previous_closing(scheme_id=scheme_version.scheme_id, year=year, month=month)
    # Computed afresh, never from kept tallies: the snapshot and its verdicts must agree.
    # In the site's language whatever the caller's: no-data reasons are sealed as text.
    with translation.override(settings.LANGUAGE_CODE):
        fresh = month_results(
            scheme_version=scheme_version, year=year, month=month, now=now, cached=False
        )
    results = [result_snapshot(result) for result in fresh]
    closing = MonthClosing.objects.create(
        scheme_id=scheme_version.scheme_id,
        scheme_version=scheme_version,
        year=year,
        month=month,
        closed_at=now,
        closed_by=actor,
        previous=previous,
        previous_seal=previous.seal if previous else "",
        results=results,
    )
    chains: set[TrailRef] = set()
    verdicts = LineHasher()
    stream = current_verdicts(
        scheme_version=scheme_version, year=year, month=month, now=now, trail=chains
    )
    for row in _stored(closing, stream):
        verdicts.add(row)
    trail = _trail_stored(closing, trail_heads(chains | queue_log_chains(chains)))
    _seal(closing, verdicts=verdicts.result(), trail=trail)
    _record(
        closing,
        kind=ClosingEventKind.CLOSED,
        at=now,
        actor=actor,
        details={
            "seal": closing.seal,
            "previous_seal": closing.previous_seal,
            "items": closing.verdicts_count,
            "trail": closing.trail_count,
        },
    )
    _verification_queue(closing.pk)
    return closing


def _trail_stored(closing: MonthClosing, heads: Iterable[TrailRow]) -> LinesDigest:
    """Write the trail heads as ClosedTrailHeads (``executemany``, batches of
    BATCH_SIZE, as the verdicts); their digest."""
    hasher = LineHasher()
    sql = _insert_sql(ClosedTrailHead, ("closing", "position", "chain", "key", "seq", "row_hash"))
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for position, head in enumerate(heads):
            hasher.add(head)
            batch.append((closing.pk, position, *head))
            if len(batch) >= BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
    return hasher.result()


def _seal(closing: MonthClosing, *, verdicts: LinesDigest, trail: LinesDigest) -> None:
    closing.seal_format = SEAL_FORMAT
    closing.verdicts_count, closing.verdicts_sha256 = verdicts.count, verdicts.sha256
    closing.trail_count, closing.trail_sha256 = trail.count, trail.sha256
    closing.seal = closing_seal(closing, verdicts=verdicts, trail=trail)
    closing.save(
        update_fields=[
            "seal",
            "seal_format",
            "verdicts_count",
            "verdicts_sha256",
            "trail_count",
            "trail_sha256",
        ]
    )


def _verification_queue(closing_id: int) -> None:
    """Have the worker check the new closing in full (its figures are published once
    checked): a task row written in the closing's own transaction, so that neither
    exists without the other. Imported late: the task module imports this one."""
    from pacte.compliance.tasks import seal_verify_task

    seal_verify_task.enqueue(closing_id=closing_id)


def _record(
    closing: MonthClosing,
    *,
    kind: ClosingEventKind,
    at: datetime,
    actor: User | None,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> ClosingEvent:
    return ClosingEvent.objects.create(
        closing=closing, kind=kind, at=at, actor=actor, reason=reason, details=details or {}
    )


@transaction.atomic
def month_reopen(*, closing: MonthClosing, actor: User, reason: str) -> MonthClosing:
    """Reopen a closed month: the closing's status becomes ``reopened``.

    Preconditions: ``actor`` is a quality manager, ``reason`` is not blank and the
    closing is still closed (a conditional UPDATE, so two reopenings cannot both win).
    The snapshot and its verdicts stay as they are; closing the month again creates a
    new MonthClosing. Records a ``reopened`` ClosingEvent with the reason and actor.
    """
    _require_quality_manager(actor)
    if not reason.strip():
        raise PacteError(ComplianceError.REASON_REQUIRED, "Reopening a month needs a reason.")
    updated = MonthClosing.objects.filter(pk=closing.pk, status=ClosingStatus.CLOSED).update(
        status=ClosingStatus.REOPENED
    )
    if not updated:
        raise PacteError(
            ComplianceError.CLOSING_NOT_CLOSED, f"{closing.label} is not closed; nothing to reopen."
        )
    closing.status = ClosingStatus.REOPENED
    _record(
        closing, kind=ClosingEventKind.REOPENED, at=clock.now(), actor=actor, reason=reason.strip()
    )
    return closing
