"""An indicator's figures for a month: the sealed snapshot when the month is closed,
otherwise computed now from the verdicts (one aggregate query)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pacte.commitments.models import Indicator, SchemeVersion
from pacte.compliance.indicators import computation_for
from pacte.compliance.models import ClosingStatus, MonthClosing
from pacte.compliance.periods import month_bounds
from pacte.compliance.selectors import (
    IndicatorResult,
    indicator_gap,
    indicator_tallies,
    target_met,
)
from pacte.nonconformities.models import FiguresSource

# Months end in the scheme's legal time, as for month closing.
ZONE = "Europe/Paris"


@dataclass(frozen=True, slots=True)
class Figures:
    """One indicator's result for one month and where it was read from."""

    indicator_code: str
    commitment_code: str
    target: Decimal
    target_is_maximum: bool
    numerator: int | None
    denominator: int | None
    rate: Decimal | None
    met: bool | None
    no_data: str
    source: FiguresSource

    @property
    def has_data(self) -> bool:
        return not self.no_data and self.met is not None


def month_over(*, year: int, month: int, now: datetime) -> bool:
    """Whether the calendar month has ended at ``now`` (Paris time)."""
    _, end = month_bounds(year=year, month=month, zone=ZONE)
    return now >= end


def month_started(*, year: int, month: int, now: datetime) -> bool:
    start, _ = month_bounds(year=year, month=month, zone=ZONE)
    return now >= start


def local_today(now: datetime) -> date:
    return now.astimezone(ZoneInfo(ZONE)).date()


def closed_snapshot(*, scheme_id: int, year: int, month: int) -> list[dict[str, Any]] | None:
    """The results frozen by the month's active closing, or None if it is not closed."""
    closing = (
        MonthClosing.objects.filter(
            scheme_id=scheme_id, year=year, month=month, status=ClosingStatus.CLOSED
        )
        .only("results")
        .first()
    )
    return None if closing is None else list(closing.results)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def from_snapshot(row: dict[str, Any]) -> Figures:
    return Figures(
        indicator_code=str(row["indicator_code"]),
        commitment_code=str(row["commitment_code"]),
        target=Decimal(str(row["target"])),
        target_is_maximum=bool(row["target_is_maximum"]),
        numerator=row.get("numerator"),
        denominator=row.get("denominator"),
        rate=_decimal(row.get("rate")),
        met=row.get("met"),
        no_data=str(row.get("no_data") or ""),
        source=FiguresSource.CLOSING,
    )


def from_result(result: IndicatorResult, source: FiguresSource) -> Figures:
    return Figures(
        indicator_code=result.indicator_code,
        commitment_code=result.commitment_code,
        target=result.target,
        target_is_maximum=result.target_is_maximum,
        numerator=result.numerator,
        denominator=result.denominator,
        rate=result.rate,
        met=result.met,
        no_data=result.no_data,
        source=source,
    )


def _live(*, indicator: Indicator, year: int, month: int, now: datetime) -> Figures:
    computation = computation_for(indicator.computation)
    common: dict[str, Any] = {
        "indicator_code": indicator.code,
        "commitment_code": indicator.commitment.code,
        "target": indicator.target,
        "target_is_maximum": indicator.target_is_maximum,
        "source": FiguresSource.LIVE,
    }
    if not computation.implemented:
        return Figures(
            **common,
            numerator=None,
            denominator=None,
            rate=None,
            met=None,
            no_data=str(computation.no_data),
        )
    gap = indicator_gap(indicator=indicator, year=year, month=month, now=now)
    if gap:
        return Figures(**common, numerator=None, denominator=None, rate=None, met=None, no_data=gap)
    (tally,) = indicator_tallies(indicator=indicator, year=year, month=month, now=now)
    met = target_met(
        tally=tally,
        target=indicator.target,
        target_is_maximum=indicator.target_is_maximum,
        unit=indicator.unit,
    )
    return Figures(
        **common,
        numerator=tally.numerator,
        denominator=tally.denominator,
        rate=tally.value(indicator.unit),
        met=met,
        no_data="",
    )


def indicator_figures(
    *, scheme_version: SchemeVersion, indicator: Indicator, year: int, month: int, now: datetime
) -> Figures:
    """The indicator's figures for the month: from the closing if the scheme's month is
    closed and its snapshot has the indicator, else computed as of ``now``."""
    snapshot = closed_snapshot(scheme_id=scheme_version.scheme_id, year=year, month=month)
    for row in snapshot or ():
        if row.get("indicator_code") == indicator.code:
            return from_snapshot(row)
    return _live(indicator=indicator, year=year, month=month, now=now)
