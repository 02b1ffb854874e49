"""The complaint chain's dates: the legal level-1 month, when an appeal becomes possible,
who answered at level 1 (read by the appeal services, the case page and the portal).

"1 month" is a calendar month from the receipt (REFERENTIEL.md, "The mediator
chain"): the end of the local day with the same day number next month, or that month's
last day (``business_calendar.arithmetic.add_calendar_months``, site's calendar).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pacte.business_calendar.arithmetic import add_calendar_months
from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.vocabulary import CaseKind

# The kinds of case that are level 1 of the chain (an appeal can follow them).
APPEALABLE_KINDS = frozenset({CaseKind.COMPLAINT, CaseKind.BILL_DISPUTE})
LEGAL_MONTHS = 1


def legal_deadline(case: Case) -> datetime:
    """The legal 1-month deadline of a complaint or an appeal: end of the local day one
    calendar month after its receipt (a computed date, not a commitment clock)."""
    spec = calendar_spec(calendar=case.site.calendar)
    return add_calendar_months(case.received_at, LEGAL_MONTHS, spec)


def appeal_possible_from(case: Case) -> date:
    """The first day (local to the case's site) an unanswered complaint can be appealed:
    the day after its legal month."""
    spec = calendar_spec(calendar=case.site.calendar)
    return legal_deadline(case).astimezone(spec.zone).date() + timedelta(days=1)


def level_one_answers(complaint: Case) -> list[CaseEvent]:
    """The answers given to the complaint, oldest first (with their agents)."""
    events = complaint.events.filter(kind=EventKind.ANSWERED).select_related("actor")
    return list(events.order_by("at", "pk"))


@dataclass(frozen=True, slots=True)
class Appealability:
    """Whether an appeal may be filed on a case now, and if not, why."""

    appealable_kind: bool
    answered: bool
    legal_deadline: datetime | None
    appeal: Case | None

    def possible(self, now: datetime) -> bool:
        if not self.appealable_kind or self.appeal is not None:
            return False
        if self.answered:
            return True
        return self.legal_deadline is not None and now > self.legal_deadline


def appealability(case: Case) -> Appealability:
    """Can ``case`` be appealed: a complaint or bill dispute that was answered, or left
    unanswered past its legal month; never twice."""
    if case.kind not in APPEALABLE_KINDS:
        return Appealability(False, False, None, None)
    answered = case.events.filter(kind=EventKind.ANSWERED).exists()
    appeal = Case.objects.filter(follows=case, kind=CaseKind.APPEAL).order_by("received_at").first()
    return Appealability(True, answered, legal_deadline(case), appeal)
