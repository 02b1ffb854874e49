"""Answering a customer from Pacte, and telling them of a new deadline: the event is
recorded on the case and, given by email, sent in the customer's thread. The workspace
goes through here; the API records answers and deadlines its integrations told the
customer themselves (``cases.services``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from pacte.cases.models import Case
from pacte.cases.services import case_answer, case_commit_deadline
from pacte.core.models import User
from pacte.core.vocabulary import Channel
from pacte.mail.outbound import outbound_answer, outbound_deadline_notice


@transaction.atomic
def case_answer_send(
    *, case: Case, actor: User, channel: Channel, body: str, data: dict[str, Any] | None = None
) -> Case:
    """Record the agent's answer (``case_answer``: the first one stops the clocks; ``data``
    goes on its event); one given by email is also queued for sending in the customer's
    thread, once the transaction commits. A customer without an email address refuses an
    email answer (``MailError.NO_RECIPIENT``) and nothing is recorded."""
    answered = case_answer(case=case, actor=actor, channel=channel, body=body, data=data)
    if channel == Channel.EMAIL:
        outbound_answer(case=answered, body=body)
    return answered


@transaction.atomic
def case_deadline_commit_tell(
    *, case: Case, actor: User, new_due_at: datetime, told_via: Channel, message: str = ""
) -> Case:
    """Commit a new deadline to the customer (``case_commit_deadline``, told now); told
    by email, Pacte sends the notice itself, with the agent's ``message`` after the new
    date, once the transaction commits. A refusal records and sends nothing."""
    committed = case_commit_deadline(
        case=case, actor=actor, new_due_at=new_due_at, told_via=told_via, message=message
    )
    if told_via == Channel.EMAIL:
        outbound_deadline_notice(case=committed, due_at=new_due_at, message=message)
    return committed
