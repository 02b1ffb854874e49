"""Line restoration after payment (T4.4-a): restored within the technical delay?

Population: the T4.4 clocks (one per restoration case, started when the payment was
registered, 4 h 24/7 by default: the version's deadline rule) whose deadline falls in
the month, in the local time of the case's site. The clock stops at the case's first
LINE_RESTORED (``operations.clock_stops``). Judged as of ``now``:

- restored by the deadline: pass ("restored within the technical delay");
- restored after it: fail ("restored late");
- not restored once the deadline passed: fail ("not restored past the delay");
- not restored and not yet due: in no month yet (excluded).
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from pacte.cases.models import Clock
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.indicators.clocks import clocks_in_month

RESTORED: dict[Reason, Verdict] = {
    Reason.RESTORED_IN_TIME: Verdict.PASS,
    Reason.RESTORED_LATE: Verdict.FAIL,
    Reason.NOT_RESTORED_PAST_DELAY: Verdict.FAIL,
}


def restored_in_time(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """Pass when restored by the deadline in force; fail when restored after it or
    still not restored once it passed; excluded when neither (not yet due)."""
    restored = Q(met_at__isnull=False, met_at__lte=month.now)
    branches = [
        (restored & Q(met_at__lte=F("effective_due_at")), Reason.RESTORED_IN_TIME),
        (restored, Reason.RESTORED_LATE),
        (Q(effective_due_at__lt=month.now), Reason.NOT_RESTORED_PAST_DELAY),
    ]
    clocks = clocks_in_month(indicator, month)
    judged = judge(clocks, branches, default=Reason.NOT_YET_DUE, verdicts=RESTORED)
    return judged.order_by("effective_due_at", "pk")


def restoration_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "line_restored_in_time",
            "Line restorations (cases opened when a payment is registered for a line "
            "suspended for non-payment) whose T4.4 deadline (the payment's registration "
            "+ the technical delay, 4 h 24/7 by default) falls in the month → the line "
            "was restored (LINE_RESTORED) by that deadline.",
            restored_in_time,
        ),
    )
