"""What an evidence pack says, gathered once for both formats: summary, seals, trends, sample.

For a closed month the summary is the closing's sealed results snapshot and the sample
comes from its sealed verdicts; otherwise both are computed live as of the build time.
Every figure comes from ``compliance`` (database aggregates or the sealed snapshot).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from pacte.commitments.models import Indicator, TargetUnit
from pacte.commitments.selectors import indicator_units
from pacte.compliance.models import ClosingStatus, MonthClosing
from pacte.compliance.sealing import result_snapshot
from pacte.compliance.selectors import indicator_gap, month_results
from pacte.core.dates import year_supported
from pacte.evidence.models import EvidencePack
from pacte.evidence.sampling import SampleItem, implemented_indicators, sample_draw

TREND_MONTHS = 12


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One indicator's line of the summary (figures as in the snapshot: rates as text)."""

    commitment_code: str
    indicator_code: str
    title: str
    numerator: int | None
    denominator: int | None
    rate: str | None
    target: str
    target_is_maximum: bool
    met: bool | None
    no_data: str
    unit: str = TargetUnit.PERCENT


@dataclass(frozen=True, slots=True)
class TrendPoint:
    month: str
    rate: Decimal | None
    numerator: int | None
    denominator: int | None
    sealed: bool


@dataclass(slots=True)
class Trend:
    indicator_code: str
    target: Decimal
    target_is_maximum: bool
    unit: str = TargetUnit.PERCENT
    points: list[TrendPoint] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CommitmentSample:
    code: str
    title: str
    items: list[SampleItem]


@dataclass(frozen=True, slots=True)
class PackContents:
    scheme_code: str
    scheme_title: str
    version_number: int
    label: str
    seed: int
    sample_size: int
    generated_at: datetime
    closing: MonthClosing | None
    summary: list[SummaryRow]
    trends: list[Trend]
    samples: list[CommitmentSample]

    @property
    def sample_count(self) -> int:
        return sum(len(block.items) for block in self.samples)


def localized(item: Any, name: str) -> str:
    """``item.<name>_en`` in English, ``<name>_fr`` otherwise."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return str(getattr(item, f"{name}_{'en' if language.startswith('en') else 'fr'}"))


def _month_shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _snapshot(pack: EvidencePack, *, year: int, month: int, now: datetime) -> list[dict[str, Any]]:
    results = month_results(scheme_version=pack.scheme_version, year=year, month=month, now=now)
    return [result_snapshot(result) for result in results]


def _no_data(
    pack: EvidencePack, row: dict[str, Any], indicator: Indicator | None, *, now: datetime
) -> str:
    """A row's no-data reason in the pack's language: a sealed snapshot keeps the words
    of its closing, so the reason is said again now (the sealed words if there is none)."""
    sealed = str(row["no_data"])
    if not sealed or pack.closing is None or indicator is None:
        return sealed
    gap = indicator_gap(indicator=indicator, year=pack.year, month=pack.month, now=now)
    return gap or sealed


def summary_rows(pack: EvidencePack, *, now: datetime) -> list[SummaryRow]:
    """The month's results: the sealed snapshot if the pack has a closing, else live."""
    if pack.closing is not None:
        results: list[dict[str, Any]] = pack.closing.results
    else:
        results = _snapshot(pack, year=pack.year, month=pack.month, now=now)
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(commitment__version=pack.scheme_version)
    }
    titles = {code: localized(indicator, "title") for code, indicator in indicators.items()}
    units = {code: indicator.unit for code, indicator in indicators.items()}
    return [
        SummaryRow(
            commitment_code=row["commitment_code"],
            indicator_code=row["indicator_code"],
            title=titles.get(row["indicator_code"], ""),
            numerator=row["numerator"],
            denominator=row["denominator"],
            rate=None if row["rate"] is None else str(row["rate"]),
            target=str(row["target"]),
            target_is_maximum=bool(row["target_is_maximum"]),
            met=row["met"],
            no_data=_no_data(pack, row, indicators.get(row["indicator_code"]), now=now),
            unit=units.get(row["indicator_code"], TargetUnit.PERCENT),
        )
        for row in results
    ]


def _sealed_results(pack: EvidencePack, months: list[tuple[int, int]]) -> dict[str, Any]:
    first, last = months[0], months[-1]
    in_range = (Q(year__gt=first[0]) | Q(year=first[0], month__gte=first[1])) & (
        Q(year__lt=last[0]) | Q(year=last[0], month__lte=last[1])
    )
    closings = MonthClosing.objects.filter(
        in_range, scheme_id=pack.scheme_version.scheme_id, status=ClosingStatus.CLOSED
    ).values_list("year", "month", "results")
    return {f"{year:04d}-{month:02d}": results for year, month, results in closings}


def trends(pack: EvidencePack, *, now: datetime) -> list[Trend]:
    """Rate per month of every implemented indicator over the 12 months ending at the
    pack's, those in the supported years (a pack for 2000-01 has a one-month trend, as
    the dashboard's): a closed month's sealed figures, else live ones (one query for the
    closings, then ``month_results`` for each month not closed)."""
    shifted = (
        _month_shift(pack.year, pack.month, -back) for back in range(TREND_MONTHS - 1, -1, -1)
    )
    months = [(year, month) for year, month in shifted if year_supported(year)]
    sealed = _sealed_results(pack, months)
    units = indicator_units(version_id=pack.scheme_version_id)
    series: dict[str, Trend] = {}
    for year, month in months:
        label = f"{year:04d}-{month:02d}"
        results = sealed.get(label) or _snapshot(pack, year=year, month=month, now=now)
        for row in results:
            if row["no_data"]:
                continue
            trend = series.setdefault(
                row["indicator_code"],
                Trend(
                    row["indicator_code"],
                    Decimal(row["target"]),
                    row["target_is_maximum"],
                    units.get(row["indicator_code"], TargetUnit.PERCENT),
                ),
            )
            rate = None if row["rate"] is None else Decimal(row["rate"])
            trend.points.append(
                TrendPoint(label, rate, row["numerator"], row["denominator"], label in sealed)
            )
    return list(series.values())


def samples(pack: EvidencePack, *, now: datetime) -> list[CommitmentSample]:
    """The pack's seeded sample, grouped by commitment (every commitment with an
    implemented indicator has its block, even when its population is empty)."""
    blocks: dict[str, CommitmentSample] = {}
    for indicator in implemented_indicators(pack.scheme_version):
        commitment = indicator.commitment
        if commitment.code not in blocks:
            title = localized(commitment, "title")
            blocks[commitment.code] = CommitmentSample(commitment.code, title, [])
    items = sample_draw(
        scheme_version=pack.scheme_version,
        year=pack.year,
        month=pack.month,
        size=pack.sample_size,
        seed=pack.seed,
        now=now,
        closing=pack.closing,
    )
    for item in items:
        blocks[item.commitment_code].items.append(item)
    return list(blocks.values())
