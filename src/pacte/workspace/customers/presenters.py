"""What the customer's own case page shows of their actions: the follow-up form, and for
each answer its rating (given) or the form to give it."""

from __future__ import annotations

from dataclasses import dataclass

from pacte.cases.customer_selectors import answer_ratings
from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.selectors import CustomerCaseView
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.workspace.customers.forms import FollowUpForm, RatingForm, rating_form


@dataclass(frozen=True)
class AnswerPanel:
    """One answer of the case: the customer's rating if given, else the form."""

    event_id: int
    rating: CaseEvent | None
    form: RatingForm


@dataclass(frozen=True)
class PortalActions:
    """``can_act``: the case is the user's own (a distributor reads, never acts)."""

    can_act: bool
    follow_up: FollowUpForm
    answers: list[AnswerPanel]


def portal_actions(
    *,
    user: User,
    view: CustomerCaseView,
    follow_up: FollowUpForm | None = None,
    rating: tuple[int, RatingForm] | None = None,
) -> PortalActions:
    """The actions of ``user`` on the case of ``view``; ``follow_up`` and ``rating``
    (answer id, form) are refused forms to show with their errors (one query)."""
    case = view.case
    # A customer sees only their own cases (customer_case_view), so one who may file
    # cases acts on the case they see; a distributor only reads. The services check again.
    own = may(user, Action.CASE_OPEN_OWN)
    ratings = answer_ratings(case=case)
    answers = [
        AnswerPanel(
            event_id=event.pk,
            rating=ratings.get(event.pk),
            form=rating[1] if rating and rating[0] == event.pk else rating_form(event.pk),
        )
        for event in view.conversation
        if event.kind == EventKind.ANSWERED
    ]
    return PortalActions(can_act=own, follow_up=follow_up or FollowUpForm(), answers=answers)
