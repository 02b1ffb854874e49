"""Hash-chained logs: every row carries the hash of its content and of the row before it.

A chained model names the foreign key that keys its chains (``chain_field``: a case's
events form one chain, a call's another); a model without one is a single chain for
the whole table. Row ``seq`` 1 links to ``GENESIS``. The hash is the SHA-256 of the
canonical JSON document (docs/trail.md)::

    {"chain":KEY,"prev":PREV_HASH,"row":{ATTNAME:VALUE,…},"seq":N,"table":"app.model"}

with sorted keys, ``,`` and ``:`` separators, UTF-8; ``row`` holds every concrete
column but the primary key and the chain's own three, under its attribute name
(``case_id``), instants in UTC with microseconds (``2026-03-10T09:00:00.000000+00:00``),
JSON columns as JSON, and no key for a NULL (so that a nullable column added later
leaves the hashes of older rows as they were).

Appending reads the chain's head, so the caller holds the lock that serialises writers
of that chain (the case's row for its events); a unique (chain, seq) constraint turns
a missed lock into an IntegrityError rather than a fork.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from pacte.core.append_only import AppendOnlyModel

GENESIS = "0" * 64
CHAIN_COLUMNS = ("seq", "prev_hash", "row_hash")
CHUNK = 5000


class ChainedModel(AppendOnlyModel):
    """An append-only row linked by hash to the previous row of its chain."""

    seq = models.PositiveBigIntegerField(_("position in its chain"), editable=False)
    prev_hash = models.CharField(_("previous row's hash"), max_length=64, editable=False)
    row_hash = models.CharField(_("hash (SHA-256)"), max_length=64, editable=False)

    # The foreign key whose value keys a chain; None: one chain for the whole table.
    chain_field: ClassVar[str | None] = None
    # True when every writer already holds the lock of the chain's owner row (a case's
    # events are written under the case's row lock); otherwise appending takes a
    # transaction-scoped advisory lock on the chain (PostgreSQL).
    chain_locked_by_writer: ClassVar[bool] = False

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and not self.row_hash:
            chain_link([self])
        super().save(*args, **kwargs)

    @classmethod
    def rows_prepare(cls, rows: list[Any]) -> None:
        """Link the rows a ``bulk_create`` is about to insert (those not linked yet)."""
        chain_link([row for row in rows if isinstance(row, ChainedModel) and not row.row_hash])


def chain_unique(*, name: str, field: str | None) -> models.UniqueConstraint:
    """The constraint a chained model declares: one row per position of a chain."""
    fields = (field, "seq") if field else ("seq",)
    return models.UniqueConstraint(fields=fields, name=name)


def table_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def chain_attname(model: type[ChainedModel]) -> str | None:
    """The column (``case_id``) that keys the model's chains, or None for one chain."""
    if model.chain_field is None:
        return None
    return _attname(model, model.chain_field)


def _attname(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is not a column")
    return field.attname


def hashed_attnames(model: type[models.Model]) -> tuple[str, ...]:
    """The columns a row's hash covers, in a fixed order (every column but the key and
    the chain's own)."""
    skip = {*CHAIN_COLUMNS, model._meta.pk.attname if model._meta.pk else "id"}
    return tuple(
        field.attname for field in model._meta.concrete_fields if field.attname not in skip
    )


def plain(value: Any) -> Any:
    """A column value as the canonical document holds it."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("a chained row cannot hold a naive datetime")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, Mapping):
        return {str(key): plain(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [plain(inner) for inner in value]
    return value


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_document(
    *, table: str, chain: int, seq: int, prev_hash: str, values: Mapping[str, Any]
) -> str:
    """The canonical text a row's hash is taken of."""
    row = {name: plain(value) for name, value in values.items() if value is not None}
    return canonical({"chain": chain, "prev": prev_hash, "row": row, "seq": seq, "table": table})


def row_digest(
    *, table: str, chain: int, seq: int, prev_hash: str, values: Mapping[str, Any]
) -> str:
    text = row_document(table=table, chain=chain, seq=seq, prev_hash=prev_hash, values=values)
    return hashlib.sha256(text.encode()).hexdigest()


def _stored_values(row: ChainedModel) -> dict[str, Any]:
    """The row's hashed columns as the database will give them back (JSON normalised)."""
    values: dict[str, Any] = {}
    for field in type(row)._meta.concrete_fields:
        if field.attname not in hashed_attnames(type(row)):
            continue
        value = getattr(row, field.attname)
        if isinstance(field, models.JSONField) and value is not None:
            value = json.loads(json.dumps(value, cls=field.encoder))
        values[field.attname] = value
    return values


def chain_key(row: ChainedModel) -> int:
    attname = chain_attname(type(row))
    return int(getattr(row, attname)) if attname else 0


def chain_heads(model: type[ChainedModel], keys: Iterable[int]) -> dict[int, tuple[int, str]]:
    """The last (seq, hash) of each chain ``keys`` names that has rows, in one query per
    CHUNK keys (for a single-chain table, the key is 0)."""
    attname = chain_attname(model)
    heads: dict[int, tuple[int, str]] = {}
    if attname is None:
        last = model.objects.order_by("-seq").values_list("seq", "row_hash").first()
        if last is not None:
            heads[0] = (last[0], last[1])
        return heads
    wanted = sorted(set(keys))
    if len(wanted) == 1:  # one chain (a service appending): its last row, by the index
        last = (
            model.objects.filter(**{attname: wanted[0]})
            .order_by("-seq")
            .values_list("seq", "row_hash")
            .first()
        )
        return {wanted[0]: (last[0], last[1])} if last is not None else {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        with connection.cursor() as cursor:
            cursor.execute(_heads_sql(model, attname, len(chunk)), chunk)
            for key, seq, digest in cursor.fetchall():
                heads[int(key)] = (int(seq), str(digest))
    return heads


def _heads_sql(model: type[ChainedModel], attname: str, count: int) -> str:
    """The last row of each of ``count`` chains: their last position by a grouped scan
    of the (chain, seq) index, joined back to the rows."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key = quote(attname)  # a foreign key's attname is its column
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT e.{key}, e.seq, e.row_hash FROM {table} e JOIN "  # noqa: S608 - _meta names
        f"(SELECT {key} AS k, MAX(seq) AS m FROM {table} WHERE {key} IN ({marks}) "
        f"GROUP BY {key}) h ON e.{key} = h.k AND e.seq = h.m"
    )


def _advisory_locks(model: type[ChainedModel], keys: set[int]) -> None:
    """Serialise the writers of these chains until the transaction ends (PostgreSQL; on
    SQLite, write transactions are serialised already)."""
    if connection.vendor != "postgresql":
        return
    table = zlib.crc32(table_label(model).encode()) & 0x7FFFFFFF
    with connection.cursor() as cursor:
        for key in sorted(keys):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [table, key & 0x7FFFFFFF])


def chain_link(rows: Sequence[ChainedModel], *, new_chains: bool = False) -> None:
    """Give unsaved rows their place in their chains: ``seq``, ``prev_hash``, ``row_hash``.

    Rows of one chain are linked in the order given, after the chain's stored head
    (``new_chains``: the caller knows the chains have no row yet, e.g. a case just
    created, and no head is read). Precondition: the caller holds what serialises the
    writers of those chains.
    """
    if not rows:
        return
    model = type(rows[0])
    if not model.chain_locked_by_writer:
        _advisory_locks(model, {chain_key(row) for row in rows})
    heads = {} if new_chains else chain_heads(model, (chain_key(row) for row in rows))
    label = table_label(model)
    for row in rows:
        key = chain_key(row)
        seq, prev = heads.get(key, (0, GENESIS))
        row.seq = seq + 1
        row.prev_hash = prev
        row.row_hash = row_digest(
            table=label, chain=key, seq=row.seq, prev_hash=prev, values=_stored_values(row)
        )
        heads[key] = (row.seq, row.row_hash)


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first row where a chain stops verifying, and why."""

    table: str
    chain: int
    seq: int
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        return f"{self.table} chain {self.chain}, row {self.seq} (id {self.row_id}): {self.problem}"


class ChainWalk:
    """Check the rows of chains streamed in (chain, seq) order; one break per chain."""

    def __init__(self, model: type[ChainedModel]) -> None:
        self.model = model
        self.table = table_label(model)
        self.attname = chain_attname(model)
        self.columns = hashed_attnames(model)
        self.breaks: list[ChainBreak] = []
        self.rows = 0
        self.heads: dict[int, tuple[int, str]] = {}
        self._broken: set[int] = set()

    def feed(self, key: int, pk: int, seq: int, prev: str, digest: str, values: Any) -> None:
        self.rows += 1
        if key in self._broken:
            return
        last_seq, last_hash = self.heads.get(key, (0, GENESIS))
        problem = ""
        if seq != last_seq + 1:
            problem = f"expected row {last_seq + 1} of the chain: a row was removed or added"
        elif prev != last_hash:
            problem = "its previous hash is not the hash of the row before it"
        else:
            expected = row_digest(
                table=self.table,
                chain=key,
                seq=seq,
                prev_hash=prev,
                values=dict(zip(self.columns, values, strict=True)),
            )
            if expected != digest:
                problem = "its content does not match its hash: the row was edited"
        if problem:
            self.breaks.append(ChainBreak(self.table, key, seq, pk, problem))
            self._broken.add(key)
        self.heads[key] = (seq, digest)


def chain_rows(
    model: type[ChainedModel], *, keys: Iterable[int] | None = None
) -> Iterator[tuple[int, int, int, str, str, tuple[Any, ...]]]:
    """Stream (key, pk, seq, prev_hash, row_hash, hashed values) in chain order, for the
    chains ``keys`` names or for every chain of the table."""
    attname = chain_attname(model)
    columns = hashed_attnames(model)
    order = (attname, "seq", "pk") if attname else ("seq", "pk")
    head = ("pk", "seq", "prev_hash", "row_hash")
    if attname is not None and keys is not None:
        wanted = sorted(set(keys))
        batches: Iterable[list[int] | None] = (
            wanted[start : start + CHUNK] for start in range(0, len(wanted), CHUNK)
        )
    else:
        batches = [None]
    for batch in batches:
        rows = model.objects.all()
        if batch is not None:
            rows = rows.filter(**{f"{attname}__in": batch})
        selected = (attname, *head, *columns) if attname else (*head, *columns)
        for row in rows.order_by(*order).values_list(*selected).iterator(chunk_size=CHUNK):
            if attname is None:
                yield 0, row[0], row[1], row[2], row[3], tuple(row[4:])
            else:
                yield int(row[0]), row[1], row[2], row[3], row[4], tuple(row[5:])


def chains_verify(model: type[ChainedModel], *, keys: Iterable[int] | None = None) -> ChainWalk:
    """Walk the chains of ``model`` (those ``keys`` names, or all) and say where each
    first breaks. Reads only."""
    walk = ChainWalk(model)
    for key, pk, seq, prev, digest, values in chain_rows(model, keys=keys):
        walk.feed(key, pk, seq, prev, digest, values)
    return walk


def chained_models() -> list[type[ChainedModel]]:
    """Every concrete chained model of the installed apps."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, ChainedModel) and not model._meta.abstract
    ]


def chain_dicts(model: type[ChainedModel], rows: Sequence[dict[str, Any]]) -> None:
    """Link rows given as dicts of column values (bulk writers) as ``chain_link`` links
    instances: each row gets ``seq``, ``prev_hash`` and ``row_hash``; a hashed column
    the dict lacks is filled with the field's default, so that what is inserted is what
    was hashed. Same precondition as ``chain_link``."""
    attname = chain_attname(model)
    fields = {field.attname: field for field in model._meta.concrete_fields}
    columns = hashed_attnames(model)
    for row in rows:
        for column in columns:
            if column not in row:
                row[column] = fields[column].get_default()
    keys = (int(row[attname]) if attname else 0 for row in rows)
    heads = chain_heads(model, keys)
    label = table_label(model)
    for row in rows:
        key = int(row[attname]) if attname else 0
        seq, prev = heads.get(key, (0, GENESIS))
        values = {column: row[column] for column in columns}
        digest = row_digest(table=label, chain=key, seq=seq + 1, prev_hash=prev, values=values)
        row.update(seq=seq + 1, prev_hash=prev, row_hash=digest)
        heads[key] = (seq + 1, digest)


def chains_backfill(model: type[models.Model], chain_field: str | None) -> int:
    """Link the rows a table held before it was chained, in id order per chain (a data
    migration's step, given the historical model). Returns the rows linked."""
    attname = _attname(model, chain_field) if chain_field else None
    columns = hashed_attnames(model)
    label = table_label(model)
    order = (attname, "pk") if attname else ("pk",)
    heads: dict[int, tuple[int, str]] = {}
    batch: list[models.Model] = []
    count = 0
    for row in model._default_manager.order_by(*order).iterator(chunk_size=CHUNK):
        key = int(getattr(row, attname)) if attname else 0
        seq, prev = heads.get(key, (0, GENESIS))
        values = {column: getattr(row, column) for column in columns}
        digest = row_digest(table=label, chain=key, seq=seq + 1, prev_hash=prev, values=values)
        row.seq, row.prev_hash, row.row_hash = seq + 1, prev, digest  # type: ignore[attr-defined]
        heads[key] = (seq + 1, digest)
        batch.append(row)
        count += 1
        if len(batch) >= CHUNK:
            model._default_manager.bulk_update(batch, list(CHAIN_COLUMNS))
            batch = []
    if batch:
        model._default_manager.bulk_update(batch, list(CHAIN_COLUMNS))
    return count


@dataclass
class TrailReport:
    """What a walk of chains found: the breaks, and how much it walked."""

    breaks: list[ChainBreak]
    rows: int = 0
    chains: int = 0


def chains_verify_all(*, table: str | None = None, key: int | None = None) -> TrailReport:
    """Walk every chained table (or the one ``table`` names; its chain ``key`` only when
    given) and report each broken chain's first broken row. Reads only."""
    report = TrailReport(breaks=[])
    for model in sorted(chained_models(), key=table_label):
        if table is not None and table_label(model) != table:
            continue
        walk = chains_verify(model, keys=None if key is None else [key])
        report.breaks += walk.breaks
        report.rows += walk.rows
        report.chains += len(walk.heads)
    return report
