"""Fast inserts for generated rows: plain dicts, explicit ids, one ``executemany`` per batch.

``bulk_create`` builds a model instance and prepares every field through the ORM,
which is most of the demo's time at a million cases. Here rows are dicts of column
values, adapted with the backend's own adapters (dates, datetimes, JSON), and ids are
allocated by the generator so that events can point to their case before it is
written. The generator is the only writer while it runs; ``sequences_reset`` then
moves the databases' id sequences past the ids used (PostgreSQL; SQLite's
AUTOINCREMENT follows explicit ids by itself).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateField, DateTimeField, JSONField, Max, Model

BATCH = 5000
Adapter = Callable[[Any], Any]


def next_id(model: type[Model]) -> int:
    """The first id after the largest one in ``model``'s table."""
    largest = model._default_manager.aggregate(largest=Max("pk"))["largest"]
    return int(largest or 0) + 1


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of at most ``size`` consecutive items of ``rows``."""
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _identity(value: Any) -> Any:
    return value


def _datetime_adapter() -> Adapter:
    """The backend's datetime adapter, with a shortcut for UTC values on SQLite."""
    adapt = connection.ops.adapt_datetimefield_value
    if connection.vendor != "sqlite" or connection.timezone != UTC:
        return adapt

    def utc_text(value: datetime | None) -> Any:
        # What adapt_datetimefield_value returns for an aware UTC value, minus its checks.
        if value is not None and value.tzinfo is UTC:
            return str(value.replace(tzinfo=None))
        return adapt(value)

    return utc_text


def _adapter(model: type[Model], name: str) -> Adapter:
    field = model._meta.get_field(name)
    if isinstance(field, DateTimeField):
        return _datetime_adapter()
    if isinstance(field, DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, JSONField):
        encoder = field.encoder
        return lambda value: connection.ops.adapt_json_value(value, encoder)
    return _identity


def _column(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    return connection.ops.quote_name(str(getattr(field, "column", name)))


def rows_insert(model: type[Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """INSERT ``rows`` (dicts of field name to value, all with the same keys); the count."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    names: Sequence[str] = list(first)
    adapters = [_adapter(model, name) for name in names]
    columns = ", ".join(_column(model, name) for name in names)
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from _meta
    count = 0
    with connection.cursor() as cursor:
        for batch in batched(itertools.chain([first], iterator), BATCH):
            cursor.executemany(
                sql,
                [
                    [adapt(row[name]) for adapt, name in zip(adapters, names, strict=True)]
                    for row in batch
                ],
            )
            count += len(batch)
    return count


def sequences_reset(models: Sequence[type[Model]]) -> None:
    """Move the id sequences of ``models`` past their largest id (no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
