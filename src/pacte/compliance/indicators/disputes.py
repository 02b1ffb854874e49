"""Event computations on bill disputes (T5.2-c): is a proven dispute corrected?

Population: the ``dispute_assessed`` events that found the dispute proven, dated in the
month (local time of the case's site) and no later than ``now``, of cases of the
scheme's sites; only each case's latest assessment as of ``now`` (a dispute assessed
again is judged on its latest assessment, in the month of that assessment; one
reassessed as not proven leaves the population).

Verdict: pass when a ``correction_issued`` event is recorded on the case by ``now`` (a
correction made early in the next month still counts for the month of the
assessment, until the month is closed); fail otherwise. The assessment and the
correction services (``complaints.disputes``) and the close rule (``cases.bills``)
are in docs/disputes.md.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from pacte.cases.models import CaseEvent, EventKind, Site
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month

CORRECTED: dict[Reason, Verdict] = {
    Reason.DISPUTE_CORRECTED: Verdict.PASS,
    Reason.DISPUTE_NOT_CORRECTED: Verdict.FAIL,
}


def proven_corrected(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """The month's proven assessments (each case's latest), judged on the correction."""
    later = CaseEvent.objects.filter(
        case_id=OuterRef("case_id"),
        kind=EventKind.DISPUTE_ASSESSED,
        at__lte=month.now,
        pk__gt=OuterRef("pk"),
    )
    correction = CaseEvent.objects.filter(
        case_id=OuterRef("case_id"), kind=EventKind.CORRECTION_ISSUED, at__lte=month.now
    )
    events = CaseEvent.objects.filter(
        in_month(
            field="at",
            zone_field="case__site__calendar__timezone",
            year=month.year,
            month=month.month,
            zones=month.zones,
        ),
        kind=EventKind.DISPUTE_ASSESSED,
        at__lte=month.now,
        data__proven=True,
    ).exclude(Exists(later))
    scheme_id = indicator.commitment.version.scheme_id
    if Site.objects.exclude(scheme_id=scheme_id).exists():
        events = events.filter(case__site__scheme_id=scheme_id)
    branches = [(Q(corrected=True), Reason.DISPUTE_CORRECTED)]
    judged = judge(
        events.annotate(corrected=Exists(correction)),
        branches,
        default=Reason.DISPUTE_NOT_CORRECTED,
        verdicts=CORRECTED,
    )
    return judged.order_by("at", "pk")


def disputes_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "proven_dispute_corrected",
            "Bill disputes whose latest assessment, dated in the month, found them "
            "proven → a correction or credit is recorded on the case.",
            proven_corrected,
        ),
    )
