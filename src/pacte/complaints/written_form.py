"""Level 1 by phone: a complaint made by phone is recorded, and the customer is told how
to make it in writing (the legal chain counts from a written complaint).

``written_form_send`` emails the customer the ways to write (the channels of the public
access page in force: letter, email, web form, with their addresses), records
WRITTEN_FORM_SENT on the case, and queues the message in the outbound mail (durable,
retried, sent once the transaction commits).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from pacte.access.selectors import access_page
from pacte.cases.chain_events import case_chain_event
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.complaints.appeals import customer_language
from pacte.complaints.errors import ComplaintError
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.vocabulary import WRITTEN_CHANNELS, CaseKind, Channel
from pacte.mail.models import OutboundKind
from pacte.mail.outbound import outbound_queue


def _written_channels(language: str) -> list[str]:
    """ "Label: address" of each written channel the access page in force publishes."""
    page = access_page(at=clock.now())
    if page is None:
        return []
    return [
        f"- {channel.label_en if language == 'en' else channel.label_fr}: {channel.address}"
        for channel in page.channels
        if channel.kind in WRITTEN_CHANNELS and channel.address
    ]


def written_form_text(case: Case, language: str) -> tuple[str, str]:
    """(subject, body) of the written-complaint instructions for ``case``."""
    with translation.override(language):
        subject = gettext("[%(reference)s] How to make your complaint in writing") % {
            "reference": case.reference
        }
        lines = [
            gettext("Hello,"),
            "",
            gettext(
                "We recorded the complaint you made by phone under the reference "
                "%(reference)s. To make it a written complaint, write to us by one of the "
                "means below, quoting this reference, what happened and what you ask for."
            )
            % {"reference": case.reference},
            "",
            *(
                _written_channels(language)
                or [gettext("- by replying to this email, keeping the reference in the subject")]
            ),
            "",
            gettext(
                "We answer a written complaint within one month at the latest. If our answer "
                "does not satisfy you, you may then appeal to our appeals service, and after "
                "that refer to the mediator."
            ),
        ]
    return subject, "\n".join(lines) + "\n"


@transaction.atomic
def written_form_send(case: Case, actor: User | None) -> CaseEvent:
    """Email the phone complaint's customer how to complain in writing and record
    WRITTEN_FORM_SENT (data: the outbound message's id). Refused for a case that is not
    a complaint made by phone, or a customer without an email address (nothing sent)."""
    case = Case.objects.select_related("customer", "site").get(pk=case.pk)
    if case.kind != CaseKind.COMPLAINT or case.channel != Channel.PHONE:
        raise PacteError(
            ComplaintError.NOT_A_PHONE_COMPLAINT,
            f"Case {case.reference} is not a complaint made by phone.",
        )
    subject, body = written_form_text(case, customer_language(case))
    outbound = outbound_queue(
        case=case, kind=OutboundKind.ANSWER, to=case.customer.email, subject=subject, body=body
    )
    return case_chain_event(
        case=case,
        kind=EventKind.WRITTEN_FORM_SENT,
        actor=actor,
        channel=Channel.EMAIL,
        body=body,
        data={"outbound": outbound.pk},
    )
