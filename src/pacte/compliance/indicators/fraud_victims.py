"""T6.2: a fraud victim's cases handled by the dedicated team, within the shortened deadline.

Population: the clocks of the commitment (every case of a customer flagged fraud victim
at its receipt, 1 bd by default) whose deadline in force falls in the month
(``clocks.clocks_in_month``). The deadline is judged as ``clocks.answered_in_time``;
the team is the one that held the case when its clock stopped: the team named by the
last OPENED or HANDED_OFF event at or before the answer (the case's current team when
the events do not name one, as rows written in bulk). An answer in time by a team that
is not a fraud-victims team (``Team.handles_fraud_victims``) fails.
"""

from __future__ import annotations

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from pacte.cases.models import CaseEvent, Clock, EventKind, Team
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.indicators.clocks import IN_TIME, clocks_in_month

HANDLED: dict[Reason, Verdict] = {**IN_TIME, Reason.FRAUD_OTHER_TEAM: Verdict.FAIL}


def answering_team() -> Coalesce:
    """The code of the team that held the clock's case when the clock stopped."""
    moves = (
        CaseEvent.objects.filter(
            case_id=OuterRef("case_id"),
            kind__in=(EventKind.OPENED, EventKind.HANDED_OFF),
            at__lte=OuterRef("met_at"),
        )
        .order_by("-at", "-pk")
        .annotate(team_code=Coalesce(KT("data__to_team"), KT("data__team")))
        .values("team_code")[:1]
    )
    return Coalesce(Subquery(moves), F("case__team__code"), output_field=CharField())


def handled_in_time(indicator: Indicator, month: Month) -> QuerySet[Clock]:
    """Pass when answered by the deadline in force by a fraud-victims team; fail when
    answered in time by another team, answered late, or unanswered once it passed."""
    fraud_team = Team.objects.filter(code=OuterRef("answering_team"), handles_fraud_victims=True)
    clocks = clocks_in_month(indicator, month).annotate(
        answering_team=answering_team(), by_fraud_team=Exists(fraud_team)
    )
    answered = Q(met_at__isnull=False, met_at__lte=month.now)
    in_time = answered & Q(met_at__lte=F("effective_due_at"))
    branches = [
        (in_time & Q(by_fraud_team=False), Reason.FRAUD_OTHER_TEAM),
        (answered & Q(met_at__lte=F("due_at")), Reason.ANSWERED_IN_TIME),
        (in_time, Reason.ANSWERED_BY_NEW_DEADLINE),
        (answered, Reason.ANSWERED_LATE),
        (Q(effective_due_at__lt=month.now), Reason.UNANSWERED_PAST_DEADLINE),
    ]
    judged = judge(clocks, branches, default=Reason.NOT_YET_DUE, verdicts=HANDLED)
    return judged.order_by("effective_due_at", "pk")


def fraud_victims_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "fraud_victim_case_handled_in_time",
            "Cases of customers flagged fraud victim whose deadline in force falls in the "
            "month → answered by that deadline (a new committed deadline counts only if "
            "the customer was told before the deadline then in force expired) by a "
            "fraud-victims team: the team that held the case when its clock stopped "
            "(its last opening or hand-off before the answer).",
            handled_in_time,
        ),
    )
