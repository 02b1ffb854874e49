"""An appeal that comes by email: recognised from the customer's own words, filed as the
appeal of the complaint it replies to; anything else stays a follow-up."""

from __future__ import annotations

import pytest
import time_machine

from pacte.cases.models import Case, EventKind
from pacte.cases.services import case_answer
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import CaseKind, Channel
from pacte.mail.filing import inbound_parse
from pacte.mail.imap import Fetched
from pacte.mail.intake import inbound_store
from pacte.mail.models import InboundMessage, Mailbox
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db


def received(cast: Cast, *, subject: str, body: str) -> InboundMessage:
    """The customer's email, fetched and filed on 10 March 2026."""
    mailbox, _created = Mailbox.objects.get_or_create(
        name="box", defaults={"host": "h", "username": "u", "password_env": "P"}
    )
    raw = email_bytes(sender=f"Client <{cast.customer.email}>", subject=subject, body=body)
    at = paris(2026, 3, 10, 8)
    with time_machine.travel(at, tick=False):
        inbound, _new = inbound_store(
            mailbox=mailbox, uidvalidity=1, fetched=Fetched(uid=1, internaldate=at, raw=raw)
        )
        return inbound_parse(inbound_id=inbound.pk)


def answered(complaint: Case, cast: Cast) -> None:
    with time_machine.travel(paris(2026, 2, 4, 11), tick=False):
        case_answer(case=complaint, actor=cast.agent, channel=Channel.EMAIL, body="Non.")


def test_an_email_that_appeals_the_answer_opens_the_appeal(chain, cast) -> None:
    # given an answered complaint
    answered(chain.complaint, cast)
    # when the customer writes "recours" about it
    inbound = received(
        cast,
        subject=f"Recours {chain.complaint.reference}",
        body="Votre réponse ne me convient pas.",
    )
    # then the message opened the appeal, on the appeals team, following the complaint
    appeal = inbound.case
    assert appeal is not None
    assert inbound.created_case
    assert (appeal.kind, appeal.follows_id, appeal.team_id, appeal.channel) == (
        CaseKind.APPEAL,
        chain.complaint.pk,
        chain.appeals.pk,
        Channel.EMAIL,
    )
    assert appeal.received_at == paris(2026, 3, 10, 8)
    filed = chain.complaint.events.get(kind=EventKind.APPEAL_FILED)
    assert filed.data == {"appeal": appeal.pk}
    assert not chain.complaint.events.filter(kind=EventKind.CUSTOMER_MESSAGE).exists()


def test_words_in_the_quoted_answer_do_not_make_an_appeal(chain, cast) -> None:
    # given an answered complaint whose answer the customer quotes back
    answered(chain.complaint, cast)
    # when
    inbound = received(
        cast,
        subject=f"Re: {chain.complaint.reference}",
        body="Merci, c'est clair.\n\nLe 4 févr. 2026, Pacte a écrit :\n> Un recours est possible.",
    )
    # then it is a follow-up of the complaint, and no appeal was opened
    assert (inbound.case_id, inbound.created_case) == (chain.complaint.pk, False)
    assert not Case.objects.filter(kind=CaseKind.APPEAL).exists()


def test_an_appeal_that_cannot_be_filed_stays_a_follow_up(chain, cast) -> None:
    # given an answered complaint already appealed by email
    answered(chain.complaint, cast)
    first = received(cast, subject=f"Recours {chain.complaint.reference}", body="Non.")
    assert first.case is not None
    assert first.case.kind == CaseKind.APPEAL
    # when the customer writes the same again
    mailbox = Mailbox.objects.get(name="box")
    raw = email_bytes(
        sender=f"Client <{cast.customer.email}>",
        subject=f"Recours {chain.complaint.reference} (bis)",
        body="Je maintiens mon recours.",
        message_id="msg-2@example.org",
    )
    at = paris(2026, 3, 11, 8)
    with time_machine.travel(at, tick=False):
        inbound, _new = inbound_store(
            mailbox=mailbox, uidvalidity=1, fetched=Fetched(uid=2, internaldate=at, raw=raw)
        )
        second = inbound_parse(inbound_id=inbound.pk)
    # then it follows up the complaint; still one appeal
    assert (second.case_id, second.created_case) == (chain.complaint.pk, False)
    assert Case.objects.filter(kind=CaseKind.APPEAL).count() == 1
