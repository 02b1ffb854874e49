"""Reads of compliance results: per-item verdicts and per-month aggregates, in the database.

Every figure is an aggregate query over a computation's verdict queryset; no
selector loops over cases in Python. ``month_results`` runs a bounded number of
queries: two, plus one per implemented indicator of the version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
)

from pacte.business_calendar.models import Calendar
from pacte.commitments.models import Indicator, SchemeVersion, TargetUnit
from pacte.compliance.errors import ComplianceError
from pacte.compliance.indicators import Computation, Dimension, Month, Verdict, computation_for
from pacte.compliance.indicators.base import VerdictQuery
from pacte.compliance.models import ClosedVerdict, ClosingStatus, MonthClosing
from pacte.compliance.periods import month_bounds
from pacte.compliance.tallies import TallyCache, tally_cache
from pacte.core.errors import PacteError

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Tally:
    """Numerator and denominator of one indicator over one month (and one group)."""

    key: str | None
    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        """The pass rate in percent, two decimals; None when the population is empty."""
        if not self.denominator:
            return None
        return (Decimal(self.numerator * 100) / self.denominator).quantize(CENT, ROUND_HALF_UP)

    def value(self, unit: str) -> Decimal | None:
        """The figure compared with a target of ``unit``: the number of passing items
        for a count, else the pass rate in percent."""
        if unit == TargetUnit.COUNT:
            return Decimal(self.numerator).quantize(CENT)
        return self.rate


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator's result for one month, and the scheme version it was computed with."""

    scheme_code: str
    scheme_version: int
    commitment_code: str
    indicator_code: str
    computation: str
    target: Decimal
    target_is_maximum: bool
    numerator: int | None = None
    denominator: int | None = None
    rate: Decimal | None = None
    met: bool | None = None
    no_data: str = ""


def target_met(
    *, tally: Tally, target: Decimal, target_is_maximum: bool, unit: str = TargetUnit.PERCENT
) -> bool | None:
    """Whether the exact rate (not the rounded one) meets the target; None if no population.

    For a target of unit ``count`` (T1.1: "≥ 4 channels") the number of passing items
    is compared with the target, and an empty population counts zero.
    """
    if unit == TargetUnit.COUNT:
        count = Decimal(tally.numerator)
        return count <= target if target_is_maximum else count >= target
    if not tally.denominator:
        return None
    scaled_rate = Decimal(tally.numerator * 100)
    scaled_target = target * tally.denominator
    return scaled_rate <= scaled_target if target_is_maximum else scaled_rate >= scaled_target


def time_zones() -> tuple[str, ...]:
    """Every time zone a site's calendar uses (one query)."""
    zones = Calendar.objects.order_by().values_list("timezone", flat=True).distinct()
    return tuple(sorted(set(zones)))


def _month(*, year: int, month: int, now: datetime, zones: tuple[str, ...] | None) -> Month:
    month_bounds(year=year, month=month, zone="UTC")
    return Month(year=year, month=month, now=now, zones=time_zones() if zones is None else zones)


def _implemented(indicator: Indicator) -> tuple[Computation, VerdictQuery]:
    computation = computation_for(indicator.computation)
    if computation.verdicts is None:
        raise PacteError(
            ComplianceError.NO_DATA, f"{indicator.code}: no data ({computation.no_data})."
        )
    return computation, computation.verdicts


def indicator_verdicts(
    *, indicator: Indicator, year: int, month: int, now: datetime
) -> QuerySet[Any]:
    """Every item of the indicator's month population, with its verdict and reason.

    Rows are clocks or case events, annotated ``verdict`` (pass / fail / excluded),
    ``reason_code`` and ``reason``. Raises PacteError(NO_DATA) for a computation whose
    data source is not built yet.
    """
    _, verdicts = _implemented(indicator)
    return verdicts(indicator, _month(year=year, month=month, now=now, zones=None))


def indicator_gap(*, indicator: Indicator, year: int, month: int, now: datetime) -> str:
    """Why the indicator has no data for the month (its data source is not built, or
    the month has none, e.g. no access page was in force); empty when it has data."""
    computation = computation_for(indicator.computation)
    if not computation.implemented:
        return str(computation.no_data)
    if computation.gap is None:  # no query for computations that always have data
        return ""
    return computation.month_gap(_month(year=year, month=month, now=now, zones=None))


def _tallies(*, indicator: Indicator, month: Month, group_by: Dimension | None) -> list[Tally]:
    computation, verdicts = _implemented(indicator)
    items = verdicts(indicator, month).order_by()
    counts = {
        "numerator": Count("pk", filter=Q(verdict=Verdict.PASS)),
        "denominator": Count("pk", filter=Q(verdict__in=(Verdict.PASS, Verdict.FAIL))),
    }
    if group_by is None:
        totals = items.aggregate(**counts)
        return [Tally(None, totals["numerator"], totals["denominator"])]
    if group_by not in computation.dimensions:
        return []
    path = computation.dimension_path(group_by)
    expression = computation.dimension_expression(group_by)
    if expression is not None:  # a dimension the item computes (a call's channel)
        items = items.annotate(**{path: expression})
    rows = items.values(path).annotate(**counts).order_by(path)
    return [Tally(str(row[path]), row["numerator"], row["denominator"]) for row in rows]


def indicator_tallies(
    *,
    indicator: Indicator,
    year: int,
    month: int,
    now: datetime,
    group_by: Dimension | None = None,
) -> list[Tally]:
    """The indicator's numerator and denominator for the month, in one aggregate query.

    With ``group_by`` (channel, site, team, motive of the case) one tally per group,
    ordered by key; without, a single tally with key None. Raises PacteError(NO_DATA)
    for a computation whose data source is not built yet.
    """
    window = _month(year=year, month=month, now=now, zones=None)
    return _tallies(indicator=indicator, month=window, group_by=group_by)


def _result(
    *,
    indicator: Indicator,
    version: SchemeVersion,
    month: Month,
    cache: TallyCache | None,
) -> IndicatorResult:
    computation = computation_for(indicator.computation)
    common: dict[str, Any] = {
        "scheme_code": version.scheme.code,
        "scheme_version": version.number,
        "commitment_code": indicator.commitment.code,
        "indicator_code": indicator.code,
        "computation": indicator.computation,
        "target": indicator.target,
        "target_is_maximum": indicator.target_is_maximum,
    }
    if not computation.implemented:
        return IndicatorResult(**common, no_data=str(computation.no_data))
    gap = computation.month_gap(month)
    if gap:
        return IndicatorResult(**common, no_data=gap)
    kept = cache.get(indicator) if cache is not None else None
    if kept is None:
        (tally,) = _tallies(indicator=indicator, month=month, group_by=None)
        if cache is not None:
            cache.put(indicator, numerator=tally.numerator, denominator=tally.denominator)
    else:
        tally = Tally(None, *kept)
    met = target_met(
        tally=tally,
        target=indicator.target,
        target_is_maximum=indicator.target_is_maximum,
        unit=indicator.unit,
    )
    return IndicatorResult(
        **common,
        numerator=tally.numerator,
        denominator=tally.denominator,
        rate=tally.value(indicator.unit),
        met=met,
    )


def month_results(
    *,
    scheme_version: SchemeVersion,
    year: int,
    month: int,
    now: datetime,
    cached: bool = True,
) -> list[IndicatorResult]:
    """One result per indicator of the version's active commitments, for a calendar month.

    Ordered by commitment then indicator code. Indicators without a data source carry
    their ``no_data`` reason and no number. A month that is over reads the tallies
    kept for it (``compliance.tallies``) and keeps those it had to compute; ``cached=False``
    computes every figure afresh and keeps nothing (closing a month does so). Queries:
    two, plus one per implemented indicator computed, plus two or three for the cache.
    """
    indicators = list(
        Indicator.objects.filter(commitment__version=scheme_version, commitment__active=True)
        .select_related("commitment__version__scheme")
        .order_by("commitment__code", "code")
    )
    window = _month(year=year, month=month, now=now, zones=None)
    cache = (
        tally_cache(scheme_version=scheme_version, year=year, month=month, now=now)
        if cached
        else None
    )
    results = [
        _result(indicator=indicator, version=scheme_version, month=window, cache=cache)
        for indicator in indicators
    ]
    if cache is not None:
        cache.save()
    return results


def closing_closed(*, scheme_id: int, year: int, month: int) -> MonthClosing | None:
    """The scheme's closing of the month with status closed, with its version, scheme and
    closer joined; None if the month is not closed. One query."""
    return (
        MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        .filter(scheme_id=scheme_id, year=year, month=month, status=ClosingStatus.CLOSED)
        .first()
    )


def closings_of(*, scheme_code: str | None) -> QuerySet[MonthClosing]:
    """Every closing (of the scheme ``scheme_code`` only, if given), with its version,
    scheme and closer joined; unordered."""
    closings = MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
    return closings.filter(scheme__code=scheme_code) if scheme_code else closings


def closing_by_id(*, pk: int) -> MonthClosing | None:
    """The closing ``pk`` with its version, scheme and closer joined; None if none."""
    return (
        MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        .filter(pk=pk)
        .first()
    )


def indicator_items(
    *, indicator: Indicator, year: int, month: int, now: datetime, verdict: str | None
) -> QuerySet[Any]:
    """The month's items of ``indicator`` as they stand at ``now`` (only ``verdict``'s if
    given), as rows of ``item_id``, ``item_case``, ``item_kind``, verdict, reason code."""
    items = indicator_verdicts(indicator=indicator, year=year, month=month, now=now)
    if verdict:
        items = items.filter(verdict=verdict)
    case_path = f"{computation_for(indicator.computation).case_path}_id"
    kind = items.model._meta.model_name or ""
    rows: QuerySet[Any] = items.annotate(
        item_id=F("pk"),
        item_case=F(case_path),
        item_kind=Value(kind, output_field=CharField()),
    ).values("item_id", "item_case", "item_kind", "verdict", "reason_code")
    return rows


def sealed_items(*, closing: MonthClosing, code: str, verdict: str | None) -> QuerySet[Any]:
    """The items of indicator ``code`` as the closing sealed them (only ``verdict``'s if
    given), in their sealed order."""
    rows = ClosedVerdict.objects.filter(closing=closing, indicator_code=code)
    if verdict:
        rows = rows.filter(verdict=verdict)
    return rows.values("position", "item_kind", "item_id", "case_id", "verdict", "reason_code")


def active_indicator(*, version: SchemeVersion, code: str) -> Indicator | None:
    """The indicator ``code`` of ``version``'s active commitments, its scheme joined; None
    if none."""
    return (
        Indicator.objects.select_related("commitment__version__scheme")
        .filter(commitment__version=version, commitment__active=True, code=code)
        .first()
    )


def indicator_drill_items(
    *,
    indicator: Indicator,
    year: int,
    month: int,
    now: datetime,
    verdict: Verdict | None = None,
    late_only: bool = False,
) -> QuerySet[Any]:
    """The month's items of an implemented ``indicator`` at ``now`` (only ``verdict``'s, or
    only those resting on a late-recorded event, if asked), with their case's team and
    site, ``item_label`` where the computation names one, and ``late_mark`` where items
    can rest on a late-recorded event."""
    computation = computation_for(indicator.computation)
    items = indicator_verdicts(indicator=indicator, year=year, month=month, now=now)
    path = computation.case_path
    if computation.has_case:
        items = items.select_related(f"{path}__team", f"{path}__site")
    if computation.item_label:
        items = items.annotate(item_label=F(computation.item_label))
    if verdict is not None:
        items = items.filter(verdict=verdict.value)
    late = computation.late_filter()
    if late is not None:
        items = items.annotate(late_mark=ExpressionWrapper(late, output_field=BooleanField()))
        if late_only:
            items = items.filter(late)
    elif late_only:
        items = items.none()
    return items
