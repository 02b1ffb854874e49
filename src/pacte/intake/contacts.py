"""A contact taken live (a phone call, a chat, the distributors' hotline): the agent finds
the customer or records a new one and opens the case while the customer is there.

The case is received now (the agent acts at the server's clock). Before the contact
ends, the request is either solved (the answer given is recorded: the clocks stop) or,
when it needs more time, the agent tells the customer a new deadline, recorded through
``case_commit_deadline`` with the contact's channel, so that it counts (told before the
deadline then in force, the end of the day for a phone request: T3.1). Everything is
one transaction: a refused deadline opens nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from pacte.business_calendar.arithmetic import end_of_local_day, is_business_day
from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.bills import BillDetails
from pacte.cases.models import Case, Motive, Team
from pacte.cases.services import case_answer, case_commit_deadline, case_open
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.intake.errors import IntakeError
from pacte.intake.routing import route_for
from pacte.intake.senders import new_customer_reference, normalised_email

# The channels on which the customer is there while the agent works.
LIVE_CHANNELS = (Channel.PHONE, Channel.CHAT, Channel.DISTRIBUTOR_HOTLINE)


@dataclass(frozen=True)
class Caller:
    """Who is on the line: a customer found, or a new customer's name and contacts."""

    customer: Customer | None = None
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ToldDeadline:
    """The deadline told to the customer before the contact ended: a business day (until
    its end, on the team's calendar) or a precise instant; with what they were told."""

    on: date | None = None
    at: datetime | None = None
    message: str = ""


@dataclass(frozen=True)
class LiveContact:
    """The case the contact opens; ``answer``: the request was solved with it."""

    channel: Channel
    kind: CaseKind
    motive: Motive
    subject: str
    description: str = ""
    answer: str = ""
    deadline: ToldDeadline | None = None
    # A bill complaint's invoice and disputed amount (kept for a bill dispute only).
    bill: BillDetails | None = None


def _check(actor: User, contact: LiveContact, team: Team | None) -> None:
    if not actor.writes_cases:
        raise ForbiddenError(IntakeError.WRITER_REQUIRED, "Your role may not open cases.")
    if contact.channel not in LIVE_CHANNELS:
        raise PacteError(
            IntakeError.CHANNEL_NOT_LIVE, "A contact here is a phone call, a chat or the hotline."
        )
    if contact.answer.strip() and contact.deadline is not None:
        raise PacteError(
            IntakeError.SOLVED_AND_COMMITTED,
            "A request solved during the contact needs no new deadline.",
        )
    if (
        team is not None
        and actor.role == Role.AGENT
        and not team.members.filter(pk=actor.pk).exists()
    ):
        raise ForbiddenError(IntakeError.TEAM_NOT_ALLOWED, "Agents open cases in their teams.")


def _customer(caller: Caller) -> Customer:
    if caller.customer is not None:
        return caller.customer
    last_name = caller.last_name.strip()
    if not last_name or not (caller.phone.strip() or caller.email.strip()):
        raise PacteError(
            IntakeError.CALLER_REQUIRED,
            "Choose the customer, or give a new customer's name and a phone number or email.",
        )
    return Customer.objects.create(
        reference=new_customer_reference(),
        first_name=caller.first_name.strip()[:100],
        last_name=last_name[:100],
        phone=caller.phone.strip()[:32],
        email=normalised_email(caller.email) if caller.email.strip() else "",
    )


def _due_at(deadline: ToldDeadline, team: Team) -> datetime:
    if deadline.at is not None:
        return deadline.at
    if deadline.on is None:
        raise PacteError(IntakeError.NOT_A_BUSINESS_DAY, "Give the day or the time told.")
    spec = calendar_spec(calendar=team.site.calendar)
    if not is_business_day(deadline.on, spec):
        raise PacteError(
            IntakeError.NOT_A_BUSINESS_DAY,
            f"{deadline.on:%Y-%m-%d} is not a business day of the site's calendar.",
        )
    return end_of_local_day(deadline.on, spec)


@transaction.atomic
def contact_case_open(
    *, actor: User, caller: Caller, contact: LiveContact, team: Team | None = None
) -> Case:
    """Open the case of a live contact for ``caller`` (found, or created), received now.

    ``team`` defaults to the channel's route (an agent may choose only one of their
    teams). Then, still during the contact: ``contact.answer`` records the answer given
    (the request is solved), or ``contact.deadline`` records the new deadline told to
    the customer on the contact's channel. Refused (PacteError or ForbiddenError,
    nothing kept) for a writer-less role, a channel that is not live, both an answer and
    a deadline, no customer, a day that is not a business day, or a deadline
    ``case_commit_deadline`` refuses (not later than the one in force). Records OPENED,
    then ANSWERED or DEADLINE_COMMITTED, and the customer when new.
    """
    _check(actor, contact, team)
    team = team or route_for(contact.channel).team
    customer = _customer(caller)
    case = case_open(
        customer=customer,
        channel=contact.channel,
        kind=contact.kind,
        motive=contact.motive,
        subject=contact.subject,
        description=contact.description,
        team=team,
        actor=actor,
        bill=contact.bill,
    )
    if contact.answer.strip():
        return case_answer(case=case, actor=actor, channel=contact.channel, body=contact.answer)
    if contact.deadline is not None:
        return case_commit_deadline(
            case=case,
            actor=actor,
            new_due_at=_due_at(contact.deadline, team),
            told_via=contact.channel,
            message=contact.deadline.message,
        )
    return case
