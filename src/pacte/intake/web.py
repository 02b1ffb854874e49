"""The portal's contact form: a customer's request or complaint, received when submitted.

A logged-in customer's submission opens its case at once. A visitor who is not logged
in gives a name, an email address and a phone number; the submission waits, with its
attachments, until the visitor follows the verification link emailed to that address.
The case then opens with ``received_at = submitted_at``: the customer's contact was
received when they sent it, not when they found our email. Only the SHA-256 of the
verification token is stored; the link expires after ``PACTE_WEB_VERIFY_HOURS``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from pacte.cases.bills import BillDetails
from pacte.cases.models import Motive, Team
from pacte.cases.services import case_open
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.instants import Stamp
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.intake.errors import IntakeError
from pacte.intake.files import attachment_store
from pacte.intake.models import Attachment, SubmissionStatus, WebSubmission
from pacte.intake.routing import route_for
from pacte.intake.senders import customer_for_email, normalised_email
from pacte.intake.tasks import web_verification_send_task

# What a customer may file through the form (the rest comes through staff).
WEB_KINDS = (CaseKind.REQUEST, CaseKind.COMPLAINT)
# The portal's "file a complaint or a bill dispute" also names a bill dispute outright.
SERVICE_KINDS = (*WEB_KINDS, CaseKind.BILL_DISPUTE)
MAX_FILES = 10


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it; its type is sniffed when it is stored."""

    name: str
    content: bytes
    declared_type: str = ""


@dataclass(frozen=True)
class WebContact:
    """What the form asks of everyone: the case's kind, motive, subject, text and files."""

    kind: CaseKind
    motive: Motive
    subject: str
    description: str
    uploads: tuple[Upload, ...] = ()
    # A bill complaint's invoice and disputed amount (kept for a bill dispute only).
    bill: BillDetails | None = None


def web_team() -> Team:
    """The team receiving web cases: the WEB channel route, else ``PACTE_WEB_INTAKE_TEAM``.

    The setting is the route of installations that configured web intake before channel
    routes existed; PacteError (NO_ROUTE) when neither is set.
    """
    try:
        return route_for(Channel.WEB).team
    except PacteError as error:
        code = getattr(settings, "PACTE_WEB_INTAKE_TEAM", "")
        team = Team.objects.select_related("site").filter(code=code).first() if code else None
        if team is None:
            raise error from None
        return team


def verify_hours() -> int:
    """How long a verification link works, in hours (``PACTE_WEB_VERIFY_HOURS``, 72)."""
    return int(getattr(settings, "PACTE_WEB_VERIFY_HOURS", 72))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check(contact: WebContact) -> None:
    if contact.kind not in SERVICE_KINDS:
        raise PacteError(IntakeError.KIND_NOT_ALLOWED, "Not a kind filed on the web.")
    if len(contact.uploads) > MAX_FILES:
        raise PacteError(IntakeError.TOO_MANY_FILES, f"At most {MAX_FILES} files may be attached.")


def _store(uploads: Sequence[Upload]) -> list[Attachment]:
    return [
        attachment_store(
            name=upload.name,
            content=upload.content,
            channel=Channel.WEB,
            declared_type=upload.declared_type,
        )
        for upload in uploads
    ]


def _submission(contact: WebContact, **fields: object) -> WebSubmission:
    submission = WebSubmission.objects.create(
        kind=contact.kind,
        motive=contact.motive,
        subject=contact.subject.strip()[:300],
        description=contact.description,
        bill=contact.bill.data() if contact.bill is not None else {},
        **fields,
    )
    submission.attachments.set(_store(contact.uploads))
    return submission


def _open(submission: WebSubmission, *, customer: Customer, actor: User | None) -> None:
    case = case_open(
        customer=customer,
        channel=Channel.WEB,
        # A complaint about a bill opens as a bill dispute (case_open, cases.bills).
        kind=CaseKind(submission.kind),
        motive=submission.motive,
        subject=submission.subject,
        description=submission.description,
        # Stamped by the server when the visitor submitted (the receipt), not now.
        receipt=Stamp(at=submission.submitted_at, recorded_at=clock.now(), late=False),
        team=web_team(),
        actor=actor,
        bill=BillDetails.parse(**submission.bill) if submission.bill else None,
    )
    submission.attachments.all().update(case=case)
    submission.case = case
    submission.customer = customer
    submission.status = SubmissionStatus.RECEIVED
    submission.save(update_fields=["case", "customer", "status", "verified_at"])


@transaction.atomic
def web_case_file(*, user: User, contact: WebContact) -> WebSubmission:
    """A logged-in customer files ``contact`` for their own record: the case opens now.

    The customer is the one linked to ``user`` (never one the form names). Records the
    submission, its attachments (on the case) and the case's OPENED event; PacteError
    (nothing kept) if a file is refused, the user has no customer record or web intake
    has no team.
    """
    customer = Customer.objects.filter(user=user).first()
    if not may(user, Action.CASE_OPEN_OWN) or customer is None:
        raise PacteError(
            IntakeError.NOT_A_CUSTOMER, "Only a customer's own account files a case here."
        )
    _check(contact)
    web_team()
    submission = _submission(
        contact,
        submitted_at=clock.now(),
        email=customer.email or user.email,
        name=customer.display_name[:200],
        phone=customer.phone,
        user=user,
        status=SubmissionStatus.AWAITING_VERIFICATION,
    )
    _open(submission, customer=customer, actor=user)
    return submission


@transaction.atomic
def web_submission_receive(
    *,
    name: str,
    email: str,
    phone: str,
    contact: WebContact,
    verify_link: Callable[[str], str],
    language: str,
) -> WebSubmission:
    """Keep a visitor's ``contact`` until they confirm ``email``; email them the link.

    ``verify_link(token)`` is the absolute URL of the verification page. The token is
    random; only its SHA-256 is stored. The email is sent by a task enqueued when the
    transaction commits. PacteError (nothing kept) for a bad address, a refused file or
    no web intake team.
    """
    address = normalised_email(email)
    _check(contact)
    web_team()
    token = secrets.token_urlsafe(32)
    submission = _submission(
        contact,
        submitted_at=clock.now(),
        email=address,
        name=name.strip()[:200],
        phone=phone.strip()[:32],
        status=SubmissionStatus.AWAITING_VERIFICATION,
        token_hash=token_digest(token),
    )
    link = verify_link(token)
    transaction.on_commit(lambda: _send(submission.pk, link, language))
    return submission


def _send(submission_id: int, link: str, language: str) -> None:
    web_verification_send_task.enqueue(submission_id, link, language)


def verification_expires_at(submission: WebSubmission) -> datetime:
    """When the submission's verification link stops working."""
    return submission.submitted_at + timedelta(hours=verify_hours())


@transaction.atomic
def web_submission_verify(*, token: str) -> WebSubmission:
    """Open the case of the submission whose link carries ``token``, received when submitted.

    The customer is matched by the verified address or created (``customer_for_email``).
    A second click returns the same submission and opens nothing more; after
    ``PACTE_WEB_VERIFY_HOURS`` the submission is marked expired and opens nothing.
    Takes the submission's row lock, so two clicks at once open one case. PacteError
    (TOKEN_UNKNOWN) for a token that matches nothing.
    """
    submission = (
        WebSubmission.objects.select_for_update()
        .filter(token_hash=token_digest(token.strip()))
        .first()
        if token.strip()
        else None
    )
    if submission is None:
        raise PacteError(IntakeError.LINK_UNKNOWN, "This verification link is not valid.")
    if submission.status != SubmissionStatus.AWAITING_VERIFICATION:
        return submission
    now = clock.now()
    if now > verification_expires_at(submission):
        submission.status = SubmissionStatus.EXPIRED
        submission.save(update_fields=["status"])
        return submission
    customer, _created = customer_for_email(
        submission.email, name=submission.name, phone=submission.phone
    )
    submission.verified_at = now
    _open(submission, customer=customer, actor=None)
    return submission
