"""The restorations overdue (T4.4-R2): lines paid and still not restored.

A restoration is overdue once its payment was registered more than the version's
``OperationRules.restoration_alert_hours`` ago (default 2 h) without LINE_RESTORED;
it is breached once its T4.4 deadline (the case's clock, 4 h 24/7 by default) passed.
The alert threshold is the one of the active version of the case's site's scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.commitments.models import VersionStatus
from pacte.core.vocabulary import CaseKind
from pacte.operations.models import OperationRules

DEFAULT_DELAY = timedelta(hours=4)


@dataclass(frozen=True, slots=True)
class OverdueRestoration:
    case: Case
    msisdn: str
    paid_at: datetime
    due_at: datetime
    elapsed: timedelta
    overdue: bool
    breached: bool

    @property
    def hours(self) -> int:
        return int(self.elapsed.total_seconds() // 3600)

    @property
    def minutes(self) -> int:
        return int(self.elapsed.total_seconds() % 3600 // 60)


def alert_hours(scheme_id: int) -> int:
    """The alert threshold (hours) of the scheme's active version (default when none)."""
    rules = OperationRules.objects.filter(
        version__scheme_id=scheme_id, version__status=VersionStatus.ACTIVE
    ).first()
    return (rules or OperationRules()).restoration_alert_hours


def restorations_unrestored(cases: QuerySet[Case] | None = None) -> list[Case]:
    """Restoration cases (of ``cases``: all by default) without LINE_RESTORED, oldest
    payment first."""
    restored = CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.LINE_RESTORED)
    cases = (
        (Case.objects.all() if cases is None else cases)
        .filter(kind=CaseKind.RESTORATION)
        .exclude(Exists(restored))
        .select_related("customer", "team", "site")
        .order_by("received_at", "pk")
    )
    return list(cases)


def restorations_overdue(
    *, now: datetime, cases: QuerySet[Case] | None = None, overdue_only: bool = True
) -> list[OverdueRestoration]:
    """The restorations overdue at ``now`` (see the module), oldest payment first, among
    ``cases`` (all by default); every restoration still waiting when not
    ``overdue_only``. Two queries plus one per scheme for its threshold."""
    thresholds: dict[int, int] = {}
    found = []
    waiting = restorations_unrestored(cases)
    opened = {
        event.case_id: event.data
        for event in CaseEvent.objects.filter(
            case_id__in=[case.pk for case in waiting], kind=EventKind.OPENED
        )
    }
    for case in waiting:
        scheme_id = case.site.scheme_id
        if scheme_id not in thresholds:
            thresholds[scheme_id] = alert_hours(scheme_id)
        elapsed = now - case.received_at
        overdue = elapsed >= timedelta(hours=thresholds[scheme_id])
        if overdue_only and not overdue:
            continue
        due_at = case.due_at or case.received_at + DEFAULT_DELAY
        found.append(
            OverdueRestoration(
                case=case,
                msisdn=str(opened.get(case.pk, {}).get("msisdn", "")),
                paid_at=case.received_at,
                due_at=due_at,
                elapsed=elapsed,
                overdue=overdue,
                breached=now > due_at,
            )
        )
    return found
