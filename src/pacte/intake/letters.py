"""The mail room: a postal letter registered with its date stamp, its scan and its sender.

The deadline of a letter runs from its date of receipt, the day the mail room stamped
it. The case is received at the START of that local day in the site's time zone, so by
the deadline rule (day 0 is the day of receipt if it is a business day and the receipt
is before closing time, else the next business day) day 0 is the stamped day when it is
a business day, and the next business day when the letter was stamped on a weekend or a
holiday. Registering the letter a few days later changes nothing to its deadline.

The date stamp is a past instant given by a person, so it follows the backdating policy
(docs/trail.md) in the mail room's own terms: a letter stamped today is received at the
start of today; an earlier stamp needs the permission to record past instants
(``core.record_past_instants``, held by the mail room), is bounded by
``PACTE_LETTER_MAX_AGE_DAYS``, and its case is marked late-recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.bills import BillDetails
from pacte.cases.models import Motive, Team
from pacte.cases.services import case_open
from pacte.core import clock
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.instants import InstantError, Stamp, may_backdate
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.intake.errors import IntakeError
from pacte.intake.files import SCAN_TYPES, attachment_store
from pacte.intake.models import Letter
from pacte.intake.routing import route_for
from pacte.intake.senders import new_customer_reference, normalised_email


@dataclass(frozen=True)
class Scan:
    """The scanned letter: the uploaded file's name and bytes."""

    name: str
    content: bytes
    declared_type: str = ""


@dataclass(frozen=True)
class Sender:
    """Who wrote: an existing customer, or a name and postal address (email optional)."""

    customer: Customer | None = None
    name: str = ""
    address: str = ""
    email: str = ""


def letter_max_age_days() -> int:
    """How far back a date of receipt may be (``PACTE_LETTER_MAX_AGE_DAYS``, 60).

    A stamp older than this is almost always a typing slip (a wrong month or year); it
    would open a case already past every deadline and distort the month's indicators.
    """
    return int(getattr(settings, "PACTE_LETTER_MAX_AGE_DAYS", 60))


def letter_received_at(*, received_on: date, team: Team) -> datetime:
    """The receipt instant of a letter stamped ``received_on``: the start of that local
    day in the time zone of ``team``'s site."""
    zone = calendar_spec(calendar=team.site.calendar).zone
    return datetime.combine(received_on, time(0), tzinfo=zone)


def _local_today(team: Team) -> date:
    return clock.now().astimezone(calendar_spec(calendar=team.site.calendar).zone).date()


def _check_date(received_on: date, team: Team, actor: User) -> None:
    today = _local_today(team)
    if received_on < today and not may_backdate(actor):
        raise ForbiddenError(
            InstantError.BACKDATING_NOT_ALLOWED,
            "Only the mail room (permission to record past instants) may register a letter "
            "stamped before today.",
        )
    if received_on > today:
        raise PacteError(
            IntakeError.RECEIVED_IN_FUTURE,
            f"The date of receipt {received_on:%Y-%m-%d} is in the future.",
        )
    bound = letter_max_age_days()
    if received_on < today - timedelta(days=bound):
        raise PacteError(
            IntakeError.RECEIVED_TOO_LONG_AGO,
            f"The date of receipt {received_on:%Y-%m-%d} is more than {bound} days ago: "
            "check the stamp.",
            days=bound,
        )


def _customer(sender: Sender) -> Customer:
    if sender.customer is not None:
        return sender.customer
    name = sender.name.strip()
    if not name or not sender.address.strip():
        raise PacteError(
            IntakeError.SENDER_REQUIRED,
            "Choose the customer, or give the sender's name and postal address.",
        )
    email = normalised_email(sender.email) if sender.email.strip() else ""
    first, _space, last = name.rpartition(" ")
    return Customer.objects.create(
        reference=new_customer_reference(),
        first_name=first[:100],
        last_name=(last or name)[:100],
        email=email,
        postal_address=sender.address.strip(),
    )


@transaction.atomic
def letter_register(
    *,
    received_on: date,
    scan: Scan,
    sender: Sender,
    kind: CaseKind,
    motive: Motive,
    subject: str,
    description: str = "",
    team: Team | None = None,
    actor: User,
    bill: BillDetails | None = None,
) -> Letter:
    """Register a letter and open its case, received at the start of ``received_on``.

    ``team`` defaults to the LETTER channel route's. Refuses (PacteError, nothing kept)
    a date of receipt in the future or older than ``letter_max_age_days()``, a scan that
    is not a PDF or an image, a sender with neither customer nor name and address, and
    (ForbiddenError) an actor who does not write cases. Records, in one transaction,
    the scan (an Attachment on the case), the customer when new, the case with its
    OPENED event (with ``bill``, the invoice and disputed amount, for a bill dispute),
    and the Letter row.
    """
    if not may(actor, Action.LETTER_RECORD):
        raise ForbiddenError(IntakeError.WRITER_REQUIRED, "Your role may not register letters.")
    team = team or route_for(Channel.LETTER).team
    _check_date(received_on, team, actor)
    customer = _customer(sender)
    attachment = attachment_store(
        name=scan.name,
        content=scan.content,
        channel=Channel.LETTER,
        declared_type=scan.declared_type,
        allowed=SCAN_TYPES,
    )
    received_at = letter_received_at(received_on=received_on, team=team)
    now = clock.now()
    stamped_earlier = received_on < _local_today(team)
    case = case_open(
        customer=customer,
        channel=Channel.LETTER,
        kind=kind,
        motive=motive,
        subject=subject,
        description=description,
        receipt=Stamp(at=received_at, recorded_at=now, late=stamped_earlier),
        team=team,
        actor=actor,
        bill=bill,
    )
    attachment.case = case
    attachment.save(update_fields=["case"])
    return Letter.objects.create(
        received_on=received_on,
        received_at=received_at,
        sender_name=(sender.name.strip() or customer.display_name)[:200],
        sender_address=sender.address.strip() or customer.postal_address,
        customer=customer,
        scan=attachment,
        case=case,
        registered_by=actor,
        registered_at=now,
    )
