"""Computations on risk and fraud measures on a line (T4.2, docs/operations-risk.md).

Items are events of the measures' cases (kind ``risk_measure``) of the scheme's sites,
dated in the month (local time of the case's site) and no later than ``now``:

- T4.2-a ``risk_measure_motivated``: each MEASURE_TAKEN → pass when it carries a
  written motive (its text), fail otherwise. Pacte refuses a measure without one
  (``operations.risk``): a failure is a measure recorded some other way (an import).
- T4.2-b ``risk_measure_false_positive_rate``: each MEASURE_LIFTED → counted ("pass")
  when lifted as unfounded, not counted ("fail") when the measure was founded. The
  figure, passes over judged, is then the share of false positives, which the scheme
  keeps at or below its target (a maximum, 5 %).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Trim

from pacte.cases.models import CaseEvent, EventKind, Site
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month
from pacte.core.vocabulary import CaseKind

MOTIVATED: dict[Reason, Verdict] = {
    Reason.RISK_MOTIVE_WRITTEN: Verdict.PASS,
    Reason.RISK_MOTIVE_MISSING: Verdict.FAIL,
}
# T4.2-b's "pass" is what the rate counts: a false positive (the target is a maximum).
FALSE_POSITIVE: dict[Reason, Verdict] = {
    Reason.RISK_LIFTED_UNFOUNDED: Verdict.PASS,
    Reason.RISK_LIFTED_FOUNDED: Verdict.FAIL,
}


def _measure_events(indicator: Indicator, month: Month, kind: EventKind) -> QuerySet[CaseEvent]:
    """The events ``kind`` of the measures' cases of the indicator's scheme, in the month."""
    in_the_month = in_month(
        field="at",
        zone_field="case__site__calendar__timezone",
        year=month.year,
        month=month.month,
        zones=month.zones,
    )
    events = CaseEvent.objects.filter(
        in_the_month, kind=kind, case__kind=CaseKind.RISK_MEASURE, at__lte=month.now
    )
    scheme_id = indicator.commitment.version.scheme_id
    if Site.objects.exclude(scheme_id=scheme_id).exists():
        events = events.filter(case__site__scheme_id=scheme_id)
    return events


def motivated(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Pass when the measure taken in the month carries a written motive."""
    taken = _measure_events(indicator, month, EventKind.MEASURE_TAKEN).annotate(
        motive_text=Trim("body")
    )
    branches = [(~Q(motive_text=""), Reason.RISK_MOTIVE_WRITTEN)]
    judged = judge(taken, branches, default=Reason.RISK_MOTIVE_MISSING, verdicts=MOTIVATED)
    return judged.order_by("at", "pk")


def false_positives(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Counted ("pass") when the measure lifted in the month was lifted as unfounded."""
    lifted = _measure_events(indicator, month, EventKind.MEASURE_LIFTED)
    branches = [(Q(data__unfounded=True), Reason.RISK_LIFTED_UNFOUNDED)]
    judged = judge(lifted, branches, default=Reason.RISK_LIFTED_FOUNDED, verdicts=FALSE_POSITIVE)
    return judged.order_by("at", "pk")


def risk_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "risk_measure_motivated",
            "Risk and fraud measures taken on a line in the month → the measure carries "
            "its written motive.",
            motivated,
        ),
        Computation(
            "risk_measure_false_positive_rate",
            "Risk and fraud measures lifted in the month → the share lifted as unfounded "
            "(false positives): such a lift is counted (shown as pass), a founded one is "
            "not (fail); the target is a maximum.",
            false_positives,
        ),
    )
