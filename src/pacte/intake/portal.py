"""A customer adds information to their own case on the portal, with files.

The files are stored like the contact form's (``intake.files``: size checked, type
sniffed, served only as downloads) and tied to the case; the message is recorded by
``cases.customer_actions.case_customer_follow_up`` with the files' ids in its data, so
the event says which files came with it. One transaction: a refusal keeps nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from pacte.cases.customer_actions import case_customer_follow_up
from pacte.cases.errors import CaseError
from pacte.cases.models import Case, CaseEvent
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.vocabulary import Channel
from pacte.intake.errors import IntakeError
from pacte.intake.files import attachment_store
from pacte.intake.web import MAX_FILES, Upload


@transaction.atomic
def portal_follow_up(
    *, user: User, case: Case, body: str, uploads: Sequence[Upload] = ()
) -> CaseEvent:
    """Record the customer's message on their case with its files (CUSTOMER_MESSAGE on
    the web channel; status and clocks unchanged). Refused (nothing kept): not the
    customer's case (NotFoundError), an empty text, too many files, a refused file."""
    if case.customer.user_id is None or case.customer.user_id != user.pk:
        raise NotFoundError(CaseError.NOT_FOUND, "No such case.")
    if not body.strip():
        raise PacteError(CaseError.EMPTY_ANSWER, "A message needs a text.")
    if len(uploads) > MAX_FILES:
        raise PacteError(IntakeError.TOO_MANY_FILES, f"At most {MAX_FILES} files may be attached.")
    stored = [
        attachment_store(
            name=upload.name,
            content=upload.content,
            channel=Channel.WEB,
            declared_type=upload.declared_type,
        )
        for upload in uploads
    ]
    event = case_customer_follow_up(
        case=case,
        actor=user,
        body=body,
        data={"attachments": [attachment.pk for attachment in stored]} if stored else None,
    )
    for attachment in stored:
        attachment.case = case
        attachment.save(update_fields=["case"])
    return event
