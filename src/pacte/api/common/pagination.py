"""Keyset ("cursor") pagination on a nullable timestamp, with the primary key as tie-break.

DRF's CursorPagination compares on the first ordering field only and cannot page
past a NULL, and ``Case.due_at`` is NULL once every clock is met. Here the position
is the pair (value, pk), NULLs sort last in both directions, and the cursor carries
the ordering so that a cursor is never applied to another ordering. Each page is one
query whatever its size.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import F, Model, Q, QuerySet
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param

from pacte.api.common.errors import ApiError
from pacte.core.errors import PacteError

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Cursor:
    ordering: str
    value: datetime | None
    pk: int

    def encode(self) -> str:
        value = self.value.isoformat() if self.value is not None else None
        raw = json.dumps({"o": self.ordering, "v": value, "pk": self.pk}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, *, ordering: str) -> Cursor:
        try:
            raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            value = datetime.fromisoformat(raw["v"]) if raw["v"] is not None else None
            cursor = cls(ordering=str(raw["o"]), value=value, pk=int(raw["pk"]))
        except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise PacteError(ApiError.CURSOR_INVALID, "This cursor is not valid.") from exc
        if cursor.ordering != ordering:
            raise PacteError(
                ApiError.CURSOR_INVALID, "This cursor belongs to another ordering; start again."
            )
        return cursor


def _after(field: str, descending: bool, cursor: Cursor) -> Q:
    """Rows strictly after ``cursor`` in (field NULLS LAST, pk) order."""
    pk_after = Q(pk__lt=cursor.pk) if descending else Q(pk__gt=cursor.pk)
    if cursor.value is None:
        return Q(**{f"{field}__isnull": True}) & pk_after
    beyond = f"{field}__lt" if descending else f"{field}__gt"
    return (
        Q(**{beyond: cursor.value})
        | (Q(**{field: cursor.value}) & pk_after)
        | Q(**{f"{field}__isnull": True})
    )


def ordered(queryset: QuerySet[M], ordering: str) -> QuerySet[M]:
    field = ordering.lstrip("-")
    if ordering.startswith("-"):
        return queryset.order_by(F(field).desc(nulls_last=True), "-pk")
    return queryset.order_by(F(field).asc(nulls_last=True), "pk")


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    next_url: str | None


def keyset_page(
    queryset: QuerySet[Any], *, request: Request, ordering: str, cursor: str | None, size: int
) -> Page:
    """One page of ``queryset`` in ``ordering`` after ``cursor``, and the next page's URL."""
    field = ordering.lstrip("-")
    descending = ordering.startswith("-")
    rows = ordered(queryset, ordering)
    if cursor:
        rows = rows.filter(_after(field, descending, Cursor.decode(cursor, ordering=ordering)))
    fetched = list(rows[: size + 1])
    if len(fetched) <= size:
        return Page(rows=fetched, next_url=None)
    last = fetched[size - 1]
    token = Cursor(ordering=ordering, value=getattr(last, field), pk=last.pk).encode()
    return Page(
        rows=fetched[:size],
        next_url=replace_query_param(request.build_absolute_uri(), "cursor", token),
    )
