"""Clock computations of the SIM replacement (T4.1) and the after-sales requests (T4.5-b).

Both judge the clocks of the indicator's commitment whose deadline in force falls in the
month (``clocks.clocks_in_month``). A SIM order's clock stops when the SIM is shipped
(``operations.clock_stops``), so its verdicts say "shipped" where a request's say
"answered"; an after-sales request's clock stops at the answer, like any request's.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from pacte.cases.models import Clock
from pacte.commitments.models import Indicator
from pacte.compliance.indicators import clocks
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict

SHIPPED_IN_TIME: dict[Reason, Verdict] = {
    Reason.SIM_SHIPPED_IN_TIME: Verdict.PASS,
    Reason.SIM_SHIPPED_BY_NEW_DEADLINE: Verdict.PASS,
    Reason.SIM_SHIPPED_LATE: Verdict.FAIL,
    Reason.SIM_NOT_SHIPPED_PAST_DEADLINE: Verdict.FAIL,
}


def shipped_in_time(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """Pass when the SIM was shipped by the deadline in force (3 business days from the
    request); fail when shipped after it, or still not shipped once it passed."""
    shipped = Q(met_at__isnull=False, met_at__lte=month.now)
    branches = [
        (shipped & Q(met_at__lte=F("due_at")), Reason.SIM_SHIPPED_IN_TIME),
        (shipped & Q(met_at__lte=F("effective_due_at")), Reason.SIM_SHIPPED_BY_NEW_DEADLINE),
        (shipped, Reason.SIM_SHIPPED_LATE),
        (Q(effective_due_at__lt=month.now), Reason.SIM_NOT_SHIPPED_PAST_DEADLINE),
    ]
    return clocks._judged(indicator, month, branches, SHIPPED_IN_TIME)


def sim_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "sim_shipped_in_time",
            "SIM replacement orders whose deadline in force falls in the month → the "
            "SIM was shipped (carrier and tracking recorded) by that deadline; not "
            "shipped once it passed → fail.",
            shipped_in_time,
        ),
        Computation(
            "after_sales_request_answered_in_time",
            "After-sales requests: clocks of the commitment whose deadline in force "
            "falls in the month → answered by that deadline (a new committed deadline "
            "counts only if the customer was told before the deadline then in force "
            "expired).",
            clocks.answered_in_time,
        ),
    )
