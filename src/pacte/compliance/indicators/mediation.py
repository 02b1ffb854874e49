"""Level 3 of the complaint chain (T6.7-b / N6.2-b): the mediator's recommendations
applied within their deadline.

Population: the clocks of the indicator's commitment whose deadline in force falls in
the month (``clocks.clocks_in_month``). A mediation rule's clock starts at the first
accepted recommendation and is met by the first recorded application of it
(``cases.clock_store``, docs/mediation.md): a refused recommendation starts none.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from pacte.cases.models import Clock
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.indicators.clocks import clocks_in_month

APPLIED_IN_TIME: dict[Reason, Verdict] = {
    Reason.APPLIED_IN_TIME: Verdict.PASS,
    Reason.APPLIED_LATE: Verdict.FAIL,
    Reason.NOT_APPLIED_PAST_DEADLINE: Verdict.FAIL,
}


def applied_in_time(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """Pass when applied by the deadline; fail when applied after it or still not
    applied once it passed; excluded (in no month yet) when neither. An application
    recorded after ``now`` does not count yet."""
    applied = Q(met_at__isnull=False, met_at__lte=month.now)
    branches = [
        (applied & Q(met_at__lte=F("effective_due_at")), Reason.APPLIED_IN_TIME),
        (applied, Reason.APPLIED_LATE),
        (Q(effective_due_at__lt=month.now), Reason.NOT_APPLIED_PAST_DEADLINE),
    ]
    judged = judge(
        clocks_in_month(indicator, month),
        branches,
        default=Reason.NOT_APPLIED_YET,
        verdicts=APPLIED_IN_TIME,
    )
    return judged.order_by("effective_due_at", "pk")


def mediation_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "mediator_recommendation_applied_in_time",
            "Accepted mediator's recommendations whose application deadline (1 calendar "
            "month from the recommendation, the scheme's mediation rule) falls in the "
            "month → applied by that deadline (the first RECOMMENDATION_APPLIED event).",
            applied_in_time,
        ),
    )
