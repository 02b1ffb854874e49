"""Pages of a long list without counting all of it.

A queue of a million open cases cannot be counted on every page view; the page reads
one row more than it shows to know whether a next page exists, and the count stops at
COUNT_CAP ("more than 1,000 open cases").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

COUNT_CAP = 1000
# Pages past this one do not exist (a million pages of 50 is far beyond any queue).
MAX_PAGE = 1_000_000
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class WindowPage(Generic[M]):
    object_list: list[M]
    number: int
    has_next: bool
    count: int
    count_is_capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(raw: str | None) -> int:
    """The requested page, 1 for anything that is not a positive integer; a 404 past
    ``MAX_PAGE`` (its offset would not fit the database's integers)."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    if number > MAX_PAGE:
        raise Http404
    return max(number, 1)


def window_page(
    queryset: QuerySet[M],
    *,
    number: int,
    size: int,
    keys: Callable[[int, int], list[int]] | None = None,
) -> WindowPage[M]:
    """Rows ``(number - 1) * size`` onwards, and a count capped at COUNT_CAP (three queries).

    The page's keys are read first from the table alone, in order, so the database walks
    its ordered index and stops after one page; the rows and their relations are then
    read by key. (Joined, the planners may sort the whole table before limiting.)
    ``keys(offset, limit)`` reads the keys when the caller knows a better way.
    """
    start = (number - 1) * size
    if keys is None:
        found = list(queryset.values_list("pk", flat=True)[start : start + size + 1])
    else:
        found = keys(start, size + 1)
    shown = found[:size]
    by_key = {row.pk: row for row in queryset.filter(pk__in=shown)} if shown else {}
    rows = [by_key[key] for key in shown if key in by_key]
    counted = queryset.order_by()[: COUNT_CAP + 1].count()
    return WindowPage(
        object_list=rows,
        number=number,
        has_next=len(found) > size,
        count=min(counted, COUNT_CAP),
        count_is_capped=counted > COUNT_CAP,
    )
