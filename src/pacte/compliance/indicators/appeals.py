"""Computations on appeals (T6.6, T6.7-a / N6.1, N6.2): answered in time, by another
agent than the complaint's, with the mediator notice.

Population of the two event computations: the first ``answered`` event of each appeal
case of the scheme's sites, dated in the month (local time of the case's site) and no
later than ``now``.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Trim

from pacte.cases.models import CaseEvent, EventKind, Site
from pacte.commitments.models import Indicator
from pacte.compliance.indicators import clocks
from pacte.compliance.indicators.base import Computation, Month, Reason, Verdict, judge
from pacte.compliance.periods import in_month
from pacte.core.vocabulary import CaseKind

OTHER_AGENT: dict[Reason, Verdict] = {
    Reason.APPEAL_OTHER_AGENT: Verdict.PASS,
    Reason.APPEAL_LEVEL_ONE_AGENT: Verdict.FAIL,
}
NOTICE: dict[Reason, Verdict] = {
    Reason.MEDIATOR_NOTICE_STATED: Verdict.PASS,
    Reason.MEDIATOR_NOTICE_MISSING: Verdict.FAIL,
}


def first_appeal_answers(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """The first ANSWERED event of each appeal, dated in the month."""
    earlier = CaseEvent.objects.filter(case_id=OuterRef("case_id"), kind=EventKind.ANSWERED).filter(
        Q(at__lt=OuterRef("at")) | Q(at=OuterRef("at"), pk__lt=OuterRef("pk"))
    )
    events = CaseEvent.objects.filter(
        in_month(
            field="at",
            zone_field="case__site__calendar__timezone",
            year=month.year,
            month=month.month,
            zones=month.zones,
        ),
        kind=EventKind.ANSWERED,
        case__kind=CaseKind.APPEAL,
        at__lte=month.now,
    ).exclude(Exists(earlier))
    scheme_id = indicator.commitment.version.scheme_id
    if Site.objects.exclude(scheme_id=scheme_id).exists():
        events = events.filter(case__site__scheme_id=scheme_id)
    return events


def answered_by_other_agent(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Pass when the appeal's first answerer answered nothing on the followed complaint."""
    level_one = CaseEvent.objects.filter(
        case_id=OuterRef("case__follows_id"),
        kind=EventKind.ANSWERED,
        actor_id=OuterRef("actor_id"),
    )
    items = first_appeal_answers(indicator, month).annotate(same_agent=Exists(level_one))
    branches = [(Q(same_agent=True), Reason.APPEAL_LEVEL_ONE_AGENT)]
    judged = judge(items, branches, default=Reason.APPEAL_OTHER_AGENT, verdicts=OTHER_AGENT)
    return judged.order_by("at", "pk")


def answer_states_mediator(indicator: Indicator, month: Month) -> QuerySet[CaseEvent]:
    """Pass when the appeal's first answer carries a non-empty mediator notice."""
    items = first_appeal_answers(indicator, month).annotate(
        notice=Trim(KT("data__mediator_notice"))
    )
    stated = Q(notice__isnull=False) & ~Q(notice="")
    branches = [(stated, Reason.MEDIATOR_NOTICE_STATED)]
    judged = judge(items, branches, default=Reason.MEDIATOR_NOTICE_MISSING, verdicts=NOTICE)
    return judged.order_by("at", "pk")


def appeals_computations() -> tuple[Computation, ...]:
    return (
        Computation(
            "appeal_answered_in_time",
            "Appeals (their 1-calendar-month clock) whose deadline in force falls in the "
            "month → answered by that deadline.",
            clocks.answered_in_time,
        ),
        Computation(
            "appeal_answered_by_other_agent",
            "First answers of appeals dated in the month → given by an agent who answered "
            "nothing on the complaint the appeal follows.",
            answered_by_other_agent,
        ),
        Computation(
            "appeal_answer_states_mediator",
            "First answers of appeals dated in the month → carry the mediator's "
            "coordinates and the conditions to refer (the mediator notice).",
            answer_states_mediator,
        ),
    )
