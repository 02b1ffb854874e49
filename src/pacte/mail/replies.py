"""Answering a customer from Pacte: the answer is recorded on the case and, given by
email, sent in the customer's thread. The workspace's answer goes through here; the
API records answers its integrations sent themselves (``cases.services.case_answer``).
"""

from __future__ import annotations

from django.db import transaction

from pacte.cases.models import Case
from pacte.cases.services import case_answer
from pacte.core.models import User
from pacte.core.vocabulary import Channel
from pacte.mail.outbound import outbound_answer


@transaction.atomic
def case_answer_send(*, case: Case, actor: User, channel: Channel, body: str) -> Case:
    """Record the agent's answer (``case_answer``: the first one stops the clocks); one
    given by email is also queued for sending in the customer's thread, once the
    transaction commits. A customer without an email address refuses an email answer
    (``MailError.NO_RECIPIENT``) and nothing is recorded."""
    answered = case_answer(case=case, actor=actor, channel=channel, body=body)
    if channel == Channel.EMAIL:
        outbound_answer(case=answered, body=body)
    return answered
