"""T6.4: stolen or lost phones, the line and the handset both blocked within 1 h, 24/7.

Population: the clocks of the commitment (kind ``stolen_phone``) whose deadline in
force falls in the month (``clocks.clocks_in_month``). A stolen phone's clock stops
when both LINE_BLOCKED and IMEI_BLOCKED exist, at the later of the two
(``operations.clock_stops``): pass when that is by the deadline in force, fail when
after it or when one of them is still missing once the deadline passed.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from pacte.cases.models import Clock
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.indicators.clocks import clocks_in_month

BLOCKED: dict[Reason, Verdict] = {
    Reason.STOLEN_BLOCKED_IN_TIME: Verdict.PASS,
    Reason.STOLEN_BLOCKED_LATE: Verdict.FAIL,
    Reason.STOLEN_NOT_BLOCKED: Verdict.FAIL,
}


def blocked_in_time(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """Pass when both blocks exist by the deadline in force; fail when the later came
    after it, or one is missing once it passed; excluded (not due yet) otherwise."""
    blocked = Q(met_at__isnull=False, met_at__lte=month.now)
    branches = [
        (blocked & Q(met_at__lte=F("effective_due_at")), Reason.STOLEN_BLOCKED_IN_TIME),
        (blocked, Reason.STOLEN_BLOCKED_LATE),
        (Q(effective_due_at__lt=month.now), Reason.STOLEN_NOT_BLOCKED),
    ]
    clocks = clocks_in_month(indicator, month)
    judged = judge(clocks, branches, default=Reason.NOT_YET_DUE, verdicts=BLOCKED)
    return judged.order_by("effective_due_at", "pk")


def stolen_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "stolen_phone_blocked_in_time",
            "Stolen or lost phone declarations whose deadline in force (1 h after the "
            "declaration, 24/7) falls in the month → the line and the handset (IMEI) "
            "were both blocked by it (the later of the two blocks counts).",
            blocked_in_time,
        ),
    )
