"""Reading risk and fraud measures: those in force, those lifted in a period, and the
share lifted as unfounded (T4.2-R2: the monthly analysis of false positives)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.vocabulary import CaseKind
from pacte.operations.risk import MeasureKind

# At most this many measures in force are listed (the count says how many there are).
IN_FORCE_SHOWN = 200


@dataclass(frozen=True)
class MeasureRow:
    """One measure: what was taken, on which line, why and by whom, and its lifting."""

    case: Case
    measure: str
    msisdn: str
    line_id: int | None
    motive: str
    taken_at: datetime
    taken_by: str
    lifted_at: datetime | None = None
    lifted_by: str = ""
    reason: str = ""
    unfounded: bool | None = None

    @property
    def measure_label(self) -> str:
        return str(MeasureKind(self.measure).label) if self.measure in MeasureKind.values else ""


@dataclass(frozen=True)
class RiskOverview:
    in_force: list[MeasureRow]
    in_force_count: int
    lifted: list[MeasureRow]

    @property
    def unfounded(self) -> list[MeasureRow]:
        return [row for row in self.lifted if row.unfounded]

    @property
    def false_positive_share(self) -> Decimal | None:
        """The share of the period's lifts lifted as unfounded, in percent (2 places)."""
        if not self.lifted:
            return None
        share = Decimal(len(self.unfounded) * 100) / Decimal(len(self.lifted))
        return share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _row(taken: CaseEvent, lifted: CaseEvent | None) -> MeasureRow:
    data = taken.data
    line = data.get("line")
    return MeasureRow(
        case=taken.case,
        measure=str(data.get("measure", "")),
        msisdn=str(data.get("msisdn", "")),
        line_id=line if isinstance(line, int) else None,
        motive=taken.body,
        taken_at=taken.at,
        taken_by=str(taken.actor) if taken.actor else "",
        lifted_at=lifted.at if lifted else None,
        lifted_by=str(lifted.actor) if lifted and lifted.actor else "",
        reason=lifted.body if lifted else "",
        unfounded=bool(lifted.data.get("unfounded")) if lifted else None,
    )


def risk_overview(*, start: datetime, end: datetime) -> RiskOverview:
    """The measures in force now (newest first, at most ``IN_FORCE_SHOWN``) and those
    lifted in ``[start, end)`` (oldest first): four queries."""
    lifted_cases = CaseEvent.objects.filter(kind=EventKind.MEASURE_LIFTED).values("case_id")
    taken = CaseEvent.objects.filter(
        kind=EventKind.MEASURE_TAKEN, case__kind=CaseKind.RISK_MEASURE
    ).select_related("case", "actor")
    in_force = taken.exclude(case_id__in=lifted_cases).order_by("-at", "-pk")
    lifts = list(
        CaseEvent.objects.filter(
            kind=EventKind.MEASURE_LIFTED,
            case__kind=CaseKind.RISK_MEASURE,
            at__gte=start,
            at__lt=end,
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
    lifted_ids = [lift.case_id for lift in lifts]
    taken_of = {event.case_id: event for event in taken.filter(case_id__in=lifted_ids)}
    return RiskOverview(
        in_force=[_row(event, None) for event in in_force[:IN_FORCE_SHOWN]],
        in_force_count=in_force.count(),
        lifted=[_row(taken_of[lift.case_id], lift) for lift in lifts if lift.case_id in taken_of],
    )


def risk_measure_row(case: Case) -> MeasureRow | None:
    """The measure of a ``risk_measure`` case with its lifting, or None (another kind)."""
    if case.kind != CaseKind.RISK_MEASURE:
        return None
    events = {
        event.kind: event
        for event in CaseEvent.objects.filter(
            case=case, kind__in=(EventKind.MEASURE_TAKEN, EventKind.MEASURE_LIFTED)
        )
        .select_related("case", "actor")
        .order_by("-at", "-pk")
    }
    taken = events.get(EventKind.MEASURE_TAKEN)
    return _row(taken, events.get(EventKind.MEASURE_LIFTED)) if taken else None
