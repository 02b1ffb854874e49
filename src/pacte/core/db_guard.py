"""Append-only enforced by the database: triggers refuse UPDATE, DELETE and TRUNCATE.

The ORM already refuses to change an append-only row (``pacte.core.append_only``);
these triggers refuse it to any SQL, from any client. They are (re)installed after
every ``migrate`` (``post_migrate``; idempotent), because SQLite drops a table's
triggers when a migration rebuilds the table.

One escape, for whole-database maintenance only (``manage.py flush`` in tests, the demo
wipe): inside ``maintenance()`` the triggers let changes through. On PostgreSQL it is
the session setting ``pacte.maintenance = on``; on SQLite a flag of Pacte's own
connection read by the SQL function ``pacte_maintenance()``, which other clients do not
have, so that their changes are refused too. The triggers stop mistakes and the
application; someone who owns the database can still drop them: the hash chains and
the month seals are what reveal such an edit (docs/trail.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from pacte.core.append_only import AppendOnlyModel

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION pacte_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('pacte.maintenance', true) = 'on' THEN
    IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'pacte: % on % refused: the table is append-only', TG_OP, TG_TABLE_NAME;
END
$$
"""
FLAG = "pacte_maintenance"


def guarded_tables() -> list[str]:
    """The tables of every concrete append-only model."""
    from django.apps import apps

    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.abstract
    )


def _pg_statements(table: str) -> list[str]:
    quoted = f'"{table}"'
    return [
        f"CREATE OR REPLACE TRIGGER pacte_append_only_row BEFORE UPDATE OR DELETE ON {quoted} "
        "FOR EACH ROW EXECUTE FUNCTION pacte_append_only()",
        f"CREATE OR REPLACE TRIGGER pacte_append_only_truncate BEFORE TRUNCATE ON {quoted} "
        "FOR EACH STATEMENT EXECUTE FUNCTION pacte_append_only()",
    ]


def _sqlite_statements(table: str) -> list[str]:
    return [
        f'CREATE TRIGGER IF NOT EXISTS "pacte_no_{operation.lower()}_{table}" '
        f'BEFORE {operation} ON "{table}" WHEN {FLAG}() = 0 '
        f"BEGIN SELECT RAISE(ABORT, 'pacte: {operation} on {table} refused: "
        "the table is append-only'); END"
        for operation in ("UPDATE", "DELETE")
    ]


def guards_install(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Install the triggers on every append-only table that exists; return the tables."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = [table for table in guarded_tables() if table in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
            statements = [s for table in tables for s in _pg_statements(table)]
        elif connection.vendor == "sqlite":
            statements = [s for table in tables for s in _sqlite_statements(table)]
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            statements = []
        for statement in statements:
            cursor.execute(statement)
    return tables


def install_after_migrate(using: str = DEFAULT_DB_ALIAS, **_kwargs: Any) -> None:
    """The ``post_migrate`` receiver."""
    guards_install(using)


def register_sqlite_flag(connection: BaseDatabaseWrapper, **_kwargs: Any) -> None:
    """The ``connection_created`` receiver: give Pacte's SQLite connections the function
    the triggers ask whether maintenance is on."""
    if connection.vendor != "sqlite":
        return
    wrapper = connection

    def flag() -> int:
        return 1 if getattr(wrapper, FLAG, False) else 0

    connection.connection.create_function(FLAG, 0, flag)


@contextmanager
def maintenance(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let whole-table maintenance through the triggers on this connection, for the
    block only (test flushes, the demo wipe). Never for one row."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pacte.maintenance', 'on', false)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('pacte.maintenance', 'off', false)")
        return
    setattr(connection, FLAG, True)
    try:
        yield
    finally:
        setattr(connection, FLAG, False)
