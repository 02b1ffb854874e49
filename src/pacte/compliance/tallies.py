"""Monthly tallies kept for months that are over, so that trends do not rescan history.

A month is *settled* once it has ended in every time zone (14 hours after its end in
UTC): from then on every deadline of the month has passed, and an indicator's
figures change only when a clock of the month is written again — which
``cases.recompute`` records as a ``ClockMonthChange``. Reading a settled month:

1. if the scheme's month has a change recorded, forget its tallies (every version)
   and the change, in one transaction, before computing anything;
2. use the tallies left; compute the missing ones in the database and keep them.

A write that lands while a month is being computed records its change again, so the
next read recomputes: a tally is never newer than the clocks it was computed from.
The current month is always computed live. Hand-off events (T3.3) are recorded when
they happen, never back-dated, so a settled month's hand-offs do not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from pacte.cases.models import ClockMonthChange
from pacte.cases.recompute import ZONE_REACH
from pacte.commitments.models import Indicator, SchemeVersion
from pacte.compliance.models import MonthTally
from pacte.compliance.periods import month_bounds

Key = tuple[str, str]  # indicator code, computation


def month_settled(*, year: int, month: int, now: datetime) -> bool:
    """True once the month has ended in every time zone."""
    _, end = month_bounds(year=year, month=month, zone="UTC")
    return end + ZONE_REACH <= now


@dataclass(slots=True)
class TallyCache:
    """The kept tallies of one settled month for one scheme version, and new ones."""

    scheme_version: SchemeVersion
    year: int
    month: int
    now: datetime
    known: dict[Key, tuple[int, int]]
    fresh: list[MonthTally] = field(default_factory=list)

    def get(self, indicator: Indicator) -> tuple[int, int] | None:
        """(numerator, denominator) if kept."""
        return self.known.get((indicator.code, indicator.computation))

    def put(self, indicator: Indicator, *, numerator: int, denominator: int) -> None:
        self.fresh.append(
            MonthTally(
                scheme_version=self.scheme_version,
                indicator_code=indicator.code,
                computation=indicator.computation,
                year=self.year,
                month=self.month,
                numerator=numerator,
                denominator=denominator,
                computed_at=self.now,
            )
        )

    def save(self) -> None:
        """Keep the tallies computed since opening (one INSERT; a concurrent twin wins)."""
        if self.fresh:
            MonthTally.objects.bulk_create(self.fresh, ignore_conflicts=True)
            self.fresh = []


def tally_cache(
    *, scheme_version: SchemeVersion, year: int, month: int, now: datetime
) -> TallyCache | None:
    """The month's tally cache, after forgetting what a clock write made stale; None
    for a month that is not settled (computed live, never kept). Two or three queries."""
    if not month_settled(year=year, month=month, now=now):
        return None
    scheme_id = scheme_version.scheme_id
    with transaction.atomic():
        changes = ClockMonthChange.objects.filter(scheme_id=scheme_id, year=year, month=month)
        changed, _ = changes.delete()
        if changed:
            MonthTally.objects.filter(
                scheme_version__scheme_id=scheme_id, year=year, month=month
            ).delete()
            known: dict[Key, tuple[int, int]] = {}
        else:
            rows = MonthTally.objects.filter(
                scheme_version=scheme_version, year=year, month=month
            ).values_list("indicator_code", "computation", "numerator", "denominator")
            known = {(code, name): (num, den) for code, name, num, den in rows}
    return TallyCache(scheme_version, year, month, now, known)


def tallies_forget() -> None:
    """Forget every kept tally and recorded change (after a bulk load of clocks)."""
    with transaction.atomic():
        MonthTally.objects.all().delete()
        ClockMonthChange.objects.all().delete()
