"""The items behind one indicator's monthly figure, and its breakdowns.

Reads through ``pacte.compliance.selectors``: the page of verdicts is read by key
(``window_page``), the breakdowns are one aggregate query per dimension. The number
of queries does not grow with the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.cases.models import Case
from pacte.commitments.models import Indicator
from pacte.compliance.indicators import Computation, Dimension, Verdict, computation_for
from pacte.compliance.selectors import (
    Tally,
    active_indicator,
    indicator_drill_items,
    indicator_gap,
    indicator_tallies,
)
from pacte.core.vocabulary import Channel
from pacte.workspace.common.paging import WindowPage, window_page
from pacte.workspace.compliance.dashboard import Selection, localized

DIMENSION_LABELS: dict[Dimension, Promise] = {
    Dimension.CHANNEL: _("By channel"),
    Dimension.SITE: _("By site"),
    Dimension.TEAM: _("By team"),
    Dimension.MOTIVE: _("By motive"),
}


@dataclass(frozen=True, slots=True)
class DrillRow:
    """One item of the population: its case (None for items of no case, such as the
    access page's channels, shown by ``item``), verdict and reason."""

    case: Case | None
    verdict: str
    verdict_label: str
    reason_code: str
    reason: str
    item: str = ""
    late: bool = False  # rests on a late-recorded event


@dataclass(frozen=True, slots=True)
class Breakdown:
    dimension: Dimension
    tallies: list[tuple[str, Tally]]

    @property
    def label(self) -> str:
        return str(DIMENSION_LABELS[self.dimension])


@dataclass(frozen=True, slots=True)
class Drill:
    """The drill-down of one indicator for one month, or its no-data reason."""

    indicator: Indicator
    title: str
    no_data: str = ""
    total: Tally | None = None
    page: WindowPage[Any] | None = None
    rows: list[DrillRow] | None = None
    breakdowns: list[Breakdown] | None = None


def access_indicator(*, selection: Selection, code: str) -> Indicator:
    """The indicator ``code`` of the selected version's active commitments; 404 otherwise."""
    indicator = active_indicator(version=selection.version, code=code)
    if indicator is None:
        raise Http404
    return indicator


def verdict_filter(raw: str | None) -> Verdict | None:
    """``pass``, ``fail`` or ``excluded``; anything else means no filter."""
    return Verdict(raw) if raw in Verdict.values else None


def _key_label(dimension: Dimension, key: str) -> str:
    if dimension is Dimension.CHANNEL and key in Channel.values:
        return str(Channel(key).label)
    return "—" if key in ("", "None") else key


def _breakdowns(*, indicator: Indicator, selection: Selection) -> list[Breakdown]:
    month = selection.month
    breakdowns = []
    for dimension in computation_for(indicator.computation).dimensions:
        tallies = indicator_tallies(
            indicator=indicator,
            year=month.year,
            month=month.month,
            now=selection.now,
            group_by=dimension,
        )
        labelled = [(_key_label(dimension, str(tally.key)), tally) for tally in tallies]
        breakdowns.append(Breakdown(dimension, labelled))
    return breakdowns


def _label(item: Any) -> str:
    """The item's ``item_label`` annotation (a call's id), else its text."""
    return str(getattr(item, "item_label", None) or item)


def _row(item: Any, computation: Computation) -> DrillRow:
    case: Case | None = None
    if computation.has_case:  # the path may cross relations ("call__case"), each nullable
        case = item
        for name in computation.case_path.split("__"):
            case = getattr(case, name) if case is not None else None
    label: str | Promise = Verdict(item.verdict).label
    late = bool(getattr(item, "late_mark", False))
    return DrillRow(
        case, item.verdict, str(label), item.reason_code, item.reason, _label(item), late
    )


def indicator_drill(
    *,
    selection: Selection,
    indicator: Indicator,
    verdict: Verdict | None,
    page: int,
    late_only: bool = False,
) -> Drill:
    """A page of the indicator's items (optionally of one verdict, or only those resting
    on late-recorded events), each marked when it rests on one; the month's total and
    its breakdowns by channel, site, team and motive; the no-data reason instead when the
    indicator has no data source yet."""
    title = localized(indicator, "title")
    computation = computation_for(indicator.computation)
    if not computation.implemented:
        return Drill(indicator, title, no_data=str(computation.no_data))
    month = selection.month
    gap = indicator_gap(indicator=indicator, year=month.year, month=month.month, now=selection.now)
    if gap:
        return Drill(indicator, title, no_data=gap)
    items = indicator_drill_items(
        indicator=indicator,
        year=month.year,
        month=month.month,
        now=selection.now,
        verdict=verdict,
        late_only=late_only,
    )
    window = window_page(items, number=page, size=settings.PACTE_QUEUE_PAGE_SIZE)
    (total,) = indicator_tallies(
        indicator=indicator, year=month.year, month=month.month, now=selection.now
    )
    return Drill(
        indicator,
        title,
        total=total,
        page=window,
        rows=[_row(item, computation) for item in window.object_list],
        breakdowns=_breakdowns(indicator=indicator, selection=selection),
    )
