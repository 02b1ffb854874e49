"""Clock-based computations: a case's commitment clock judged against its deadline in force.

Population: the clocks of the indicator's commitment (same scheme, same commitment
code, whichever version derived them) whose deadline in force falls in the month, in
the local time of the case's site. The deadline in force already holds a new
committed deadline when, and only when, the customer was told of it before the
deadline then in force expired (cases.clocks). Verdicts are judged as of ``now``:
an answer recorded after ``now`` does not count yet.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from pacte.cases.models import Clock
from pacte.commitments.models import Commitment, Indicator
from pacte.compliance.indicators.base import Branch, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month

IN_TIME: dict[Reason, Verdict] = {
    Reason.ANSWERED_IN_TIME: Verdict.PASS,
    Reason.ANSWERED_BY_NEW_DEADLINE: Verdict.PASS,
    Reason.ANSWERED_LATE: Verdict.FAIL,
    Reason.UNANSWERED_PAST_DEADLINE: Verdict.FAIL,
}

ANSWERED_AT_ALL: dict[Reason, Verdict] = {
    Reason.ANSWERED: Verdict.PASS,
    Reason.UNANSWERED_PAST_DEADLINE: Verdict.FAIL,
}


def clocks_in_month(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """The indicator's commitment clocks whose deadline in force falls in the month.

    The commitment's ids (one per version of the scheme) are read first and written
    into the query as values: the planner then knows how many clocks the range holds
    and reads them from the ``(commitment, effective_due_at)`` index alone (PostgreSQL
    index-only scan); behind a subquery it guessed low and visited the table.
    """
    commitment = indicator.commitment
    same_commitment = Commitment.objects.filter(
        version__scheme_id=commitment.version.scheme_id, code=commitment.code
    )
    return Clock.objects.filter(
        in_month(
            field="effective_due_at",
            zone_field="case__site__calendar__timezone",
            year=month.year,
            month=month.month,
            zones=month.zones,
        ),
        commitment_id__in=list(same_commitment.values_list("pk", flat=True)),
    )


def _answered(month: Month) -> Q:
    return Q(met_at__isnull=False, met_at__lte=month.now)


def _judged(
    indicator: Indicator, month: Month, branches: list[Branch], verdicts: dict[Reason, Verdict]
) -> QuerySet[Clock]:
    clocks = clocks_in_month(indicator, month)
    judged = judge(clocks, branches, default=Reason.NOT_YET_DUE, verdicts=verdicts)
    return judged.order_by("effective_due_at", "pk")


def answered_in_time(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """Pass when answered by the deadline in force; fail when answered after it or
    still unanswered once it passed; excluded (in no month yet) when neither."""
    answered = _answered(month)
    branches = [
        (answered & Q(met_at__lte=F("due_at")), Reason.ANSWERED_IN_TIME),
        (answered & Q(met_at__lte=F("effective_due_at")), Reason.ANSWERED_BY_NEW_DEADLINE),
        (answered, Reason.ANSWERED_LATE),
        (Q(effective_due_at__lt=month.now), Reason.UNANSWERED_PAST_DEADLINE),
    ]
    return _judged(indicator, month, branches, IN_TIME)


def answered_at_all(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """Pass when an answer was given, late or not; fail when still unanswered once the
    deadline in force passed; excluded (in no month yet) when unanswered and not due."""
    branches = [
        (_answered(month), Reason.ANSWERED),
        (Q(effective_due_at__lt=month.now), Reason.UNANSWERED_PAST_DEADLINE),
    ]
    return _judged(indicator, month, branches, ANSWERED_AT_ALL)
