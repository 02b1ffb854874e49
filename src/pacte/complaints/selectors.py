"""The complaint chain as the case page and the customer's page show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.complaints.appeals import customer_language, mediator_notice_for
from pacte.complaints.chain import (
    APPEALABLE_KINDS,
    appeal_possible_from,
    appealability,
    legal_deadline,
    level_one_answers,
)
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel


@dataclass(frozen=True)
class ChainPanel:
    """One case's place in the chain: its complaint, its appeal, their dates and agents."""

    complaint: Case
    complaint_deadline: datetime
    level_one_answers: list[CaseEvent]
    appeal: Case | None
    appeal_deadline: datetime | None
    appeal_answers: list[CaseEvent]
    can_appeal: bool
    appeal_possible_from: date | None
    phone_complaint: bool
    written_forms: list[CaseEvent] = field(default_factory=list)
    # The notice an appeal's answer will end with (or why there is none).
    notice_text: str = ""
    notice_missing: str = ""


def appeal_deadline(appeal: Case) -> datetime:
    """The appeal's deadline: its T6.6 clock's deadline in force, else its legal month."""
    return appeal.due_at or legal_deadline(appeal)


def chain_panel(*, case: Case, now: datetime) -> ChainPanel | None:
    """The chain around ``case`` (a complaint, bill dispute or appeal); None for others."""
    if case.kind == CaseKind.APPEAL and case.follows_id is not None:
        complaint = Case.objects.select_related("site__calendar").get(pk=case.follows_id)
    elif case.kind in APPEALABLE_KINDS:
        complaint = case
    else:
        return None
    state = appealability(complaint)
    appeal = state.appeal
    notice_text = notice_missing = ""
    if appeal is not None:
        try:
            notice_text = mediator_notice_for(appeal).text(customer_language(appeal))
        except PacteError as error:
            notice_missing = error.text
    deadline = legal_deadline(complaint)
    unanswered_wait = not state.answered and not state.possible(now) and appeal is None
    return ChainPanel(
        complaint=complaint,
        complaint_deadline=deadline,
        level_one_answers=level_one_answers(complaint),
        appeal=appeal,
        appeal_deadline=appeal_deadline(appeal) if appeal is not None else None,
        appeal_answers=level_one_answers(appeal) if appeal is not None else [],
        can_appeal=state.possible(now),
        appeal_possible_from=appeal_possible_from(complaint) if unanswered_wait else None,
        phone_complaint=complaint.kind == CaseKind.COMPLAINT and complaint.channel == Channel.PHONE,
        written_forms=list(
            complaint.events.filter(kind=EventKind.WRITTEN_FORM_SENT).order_by("at", "pk")
        ),
        notice_text=notice_text,
        notice_missing=notice_missing,
    )
