"""Grow a generated history to millions of cases by copying it inside the database.

Generating ten million cases through Python takes an hour; the measurements at scale
need the volume and the shape (channels, months, deadlines, answers), not new
random draws. A base history made by ``demo_generate`` is copied ``copies`` times
with ``INSERT … SELECT``: every copy keeps its original's instants, so each month
grows by the same factor, and gets ids shifted past the last copy's. Cases and
their clocks are copied whole; of the events only the hand-offs, which the T3.3
indicator reads (the bench measures compliance, not the case timeline). The copies'
hash chains are therefore not sound (a copied hand-off keeps its original's place and
hash): a bench database is for timing, never for ``verify_trail``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max, Model

from pacte.cases.models import Case, CaseEvent, Clock, EventKind


@dataclass(frozen=True, slots=True)
class Base:
    """The ids of the generated history that every copy repeats."""

    cases: int  # largest case id of the base
    clocks: int
    events: int

    @classmethod
    def measure(cls) -> Base:
        def largest(model: type[Model]) -> int:
            return int(model._default_manager.aggregate(top=Max("pk"))["top"] or 0)

        return cls(cases=largest(Case), clocks=largest(Clock), events=largest(CaseEvent))


def _copy(model: type[Model], *, shifts: dict[str, int], where: str) -> str:
    """``INSERT INTO t (cols) SELECT cols FROM t WHERE …`` with some id columns shifted.

    The shifts are integers computed here, written as literals.
    """
    quote = connection.ops.quote_name
    columns = [
        field.column
        for field in model._meta.concrete_fields
        if not getattr(field, "generated", False)
    ]
    chosen = [
        f"{quote(column)} + {int(shifts[column])}" if column in shifts else quote(column)
        for column in columns
    ]
    table = quote(model._meta.db_table)
    return (
        f"INSERT INTO {table} ({', '.join(quote(column) for column in columns)}) "  # noqa: S608 - names from _meta
        f"SELECT {', '.join(chosen)} FROM {table} WHERE {where}"
    )


def history_copy(*, base: Base, copy: int) -> None:
    """Write copy number ``copy`` (1, 2, …) of the base history, in one transaction."""
    case_shift = base.cases * copy
    statements: list[tuple[str, list[int | str]]] = [
        (_copy(Case, shifts={"id": case_shift}, where="id <= %s"), [base.cases]),
        (
            _copy(
                Clock, shifts={"id": base.clocks * copy, "case_id": case_shift}, where="id <= %s"
            ),
            [base.clocks],
        ),
        (
            _copy(
                CaseEvent,
                shifts={"id": base.events * copy, "case_id": case_shift},
                where="id <= %s AND kind = %s",
            ),
            [base.events, EventKind.HANDED_OFF.value],
        ),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)


def statistics_refresh() -> None:
    """Give the planner fresh statistics (and PostgreSQL its visibility map)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Case, Clock, CaseEvent):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        else:
            cursor.execute("ANALYZE")
