"""Recompute a closed month and say what differs from its snapshot, never rewriting it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from pacte.compliance.closing import current_verdicts
from pacte.compliance.models import ClosedVerdict, ClosingEvent, ClosingEventKind, MonthClosing
from pacte.compliance.sealing import result_snapshot
from pacte.compliance.selectors import month_results

# The figures of a result that a comparison looks at.
FIGURES = ("numerator", "denominator", "rate", "met", "no_data")
ItemKey = tuple[str, str, int]


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One indicator whose figures differ; ``None`` sides mean the indicator is new/gone."""

    indicator_code: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class VerdictChange:
    """One item whose verdict or reason differs; "" means absent on that side."""

    indicator_code: str
    item_kind: str
    item_id: int
    case_id: int | None
    verdict_before: str
    reason_before: str
    verdict_after: str
    reason_after: str


@dataclass(frozen=True, slots=True)
class MonthComparison:
    closing: MonthClosing
    compared_at: datetime
    figures: list[FigureChange] = field(default_factory=list)
    verdicts: list[VerdictChange] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.figures and not self.verdicts


def _figures(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["indicator_code"]: {name: row.get(name) for name in FIGURES} for row in results}


Results = list[dict[str, Any]]


def _figure_changes(before: Results, after: Results) -> list[FigureChange]:
    old, new = _figures(before), _figures(after)
    return [
        FigureChange(code, old.get(code), new.get(code))
        for code in sorted(old.keys() | new.keys())
        if old.get(code) != new.get(code)
    ]


def _verdict_changes(closing: MonthClosing, *, now: datetime) -> list[VerdictChange]:
    frozen: dict[ItemKey, tuple[int | None, str, str]] = {
        (code, kind, item): (case, verdict, reason)
        for code, kind, item, case, verdict, reason in ClosedVerdict.objects.filter(
            closing=closing
        ).values_list("indicator_code", "item_kind", "item_id", "case_id", "verdict", "reason_code")
    }
    fresh: dict[ItemKey, tuple[int | None, str, str]] = {
        (code, kind, item): (case, verdict, reason)
        for code, kind, item, case, verdict, reason in current_verdicts(
            scheme_version=closing.scheme_version, year=closing.year, month=closing.month, now=now
        )
    }
    changes = []
    for key in sorted(frozen.keys() | fresh.keys()):
        old, new = frozen.get(key), fresh.get(key)
        if old is not None and new is not None and old[1:] == new[1:]:
            continue
        case_id = (new or old or (None, "", ""))[0]
        changes.append(
            VerdictChange(
                *key,
                case_id=case_id,
                verdict_before=old[1] if old else "",
                reason_before=old[2] if old else "",
                verdict_after=new[1] if new else "",
                reason_after=new[2] if new else "",
            )
        )
    return changes


@transaction.atomic
def month_compare(*, closing: MonthClosing, now: datetime) -> MonthComparison:
    """Recompute the closing's month as of ``now`` and list what differs from the snapshot.

    Figures are compared per indicator (numerator, denominator, rate, met, no data),
    verdicts per item (indicator, item kind, item id). Reads the snapshot, never writes
    it; records one ``compared`` ClosingEvent with the number of differences.
    """
    version = closing.scheme_version
    with translation.override(settings.LANGUAGE_CODE):  # as month_close sealed them
        fresh = [
            result_snapshot(result)
            for result in month_results(
                scheme_version=version,
                year=closing.year,
                month=closing.month,
                now=now,
                cached=False,
            )
        ]
    comparison = MonthComparison(
        closing=closing,
        compared_at=now,
        figures=_figure_changes(closing.results, fresh),
        verdicts=_verdict_changes(closing, now=now),
    )
    ClosingEvent.objects.create(
        closing=closing,
        kind=ClosingEventKind.COMPARED,
        at=now,
        details={
            "figures_changed": [change.indicator_code for change in comparison.figures],
            "verdicts_changed": len(comparison.verdicts),
        },
    )
    return comparison
