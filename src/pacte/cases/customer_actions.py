"""What a customer does on their own case from the portal: add information (or answer a
question) and rate an answer.

Both are the customer's own acts: the event's actor is their account and its instant
the server's clock. The case must be one of the customer's (their account is the one
``Customer.user`` ties to the case's customer); any other case is "not found", never
"forbidden", so nobody learns that a reference exists.

A follow-up has the receipt semantics of an email reply (``cases.messages``): one
CUSTOMER_MESSAGE event that changes neither the status nor the clocks. A follow-up is
not a new request: it does not restart a deadline, and a closed or answered case keeps
its state until an agent acts (reopens it, answers again).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pacte.cases.errors import CaseError, CustomerActionError
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.services import _locked, _record
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import Channel

MIN_SCORE, MAX_SCORE = 1, 5
MAX_COMMENT = 2000


class AlreadyRatedError(PacteError):
    """The answer was rated already (a state, not a malformed request)."""

    status_code = 409


def _require_own(case: Case, actor: User) -> None:
    if not (
        actor.is_active
        and may(actor, Action.CASE_OPEN_OWN)
        and case.customer.user_id is not None
        and case.customer.user_id == actor.pk
    ):
        raise NotFoundError(CaseError.NOT_FOUND, "No such case.")


@transaction.atomic
def case_customer_follow_up(
    *, case: Case, actor: User, body: str, data: dict[str, Any] | None = None
) -> CaseEvent:
    """Record information the customer adds to their case (or their answer to a
    question) on the web, now: one CUSTOMER_MESSAGE event; status and clocks unchanged.
    ``data`` (the stored attachments' ids) is kept on the event. Refused: not the
    customer's case (NotFoundError), an empty text."""
    case = _locked(case)
    _require_own(case, actor)
    if not body.strip():
        raise PacteError(CaseError.EMPTY_ANSWER, "A message needs a text.")
    return _record(
        case,
        kind=EventKind.CUSTOMER_MESSAGE,
        actor=actor,
        channel=Channel.WEB,
        body=body.strip(),
        data=data,
    )


@transaction.atomic
def case_rate_answer(
    *, case: Case, actor: User, answer_event_id: int, score: int, comment: str = ""
) -> CaseEvent:
    """Record the customer's rating of one answer of their case: RATED with data
    ``{"score": 1..5, "answer_event": <id>}`` and the optional comment as body.

    Once per answer (the case's row lock orders two attempts). Refused: not the
    customer's case or not an answer of it (NotFoundError), a score out of 1 to 5, an
    answer already rated (AlreadyRatedError, 409)."""
    case = _locked(case)
    _require_own(case, actor)
    if isinstance(score, bool) or not MIN_SCORE <= score <= MAX_SCORE:
        raise PacteError(CustomerActionError.BAD_SCORE, "The score is from 1 to 5.")
    answer = CaseEvent.objects.filter(
        pk=answer_event_id, case=case, kind=EventKind.ANSWERED
    ).first()
    if answer is None:
        raise NotFoundError(CustomerActionError.NOT_AN_ANSWER, "No such answer on this case.")
    rated = CaseEvent.objects.filter(case=case, kind=EventKind.RATED)
    if rated.filter(data__answer_event=answer.pk).exists():
        raise AlreadyRatedError(CustomerActionError.ALREADY_RATED, "This answer was already rated.")
    return _record(
        case,
        kind=EventKind.RATED,
        actor=actor,
        channel=Channel.WEB,
        body=comment.strip()[:MAX_COMMENT],
        data={"score": score, "answer_event": answer.pk},
    )
