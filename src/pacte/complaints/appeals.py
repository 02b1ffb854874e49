"""Level 2 of the complaint chain: filing an appeal on a complaint, and answering it.

An appeal is a case of kind ``appeal`` that ``follows`` its complaint, on the site's
appeals team (``Team.handles_appeals``); the complaint records APPEAL_FILED with
``{"appeal": <id>}``. Its T6.6 clock (1 calendar month) comes from the scheme's deadline
rule. Whoever answered the complaint may neither be given the appeal nor answer it
(``cases.services``, T6.6); every answer carries the mediator notice of the scheme
version in force, in the customer's language (T6.7), and the answer path refuses one
without it.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import formats

from pacte.cases.chain_events import case_chain_event
from pacte.cases.models import Case, EventKind, Team
from pacte.cases.services import case_answer, case_open
from pacte.commitments.selectors import active_version
from pacte.complaints.chain import appeal_possible_from, appealability
from pacte.complaints.errors import ComplaintError
from pacte.complaints.models import MediatorNotice
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.mail.replies import case_answer_send


def appeals_team(case: Case) -> Team:
    """The appeals team of the case's site (the first by code if several)."""
    team = Team.objects.filter(site_id=case.site_id, handles_appeals=True).order_by("code").first()
    if team is None:
        raise PacteError(
            ComplaintError.NO_APPEALS_TEAM, f"Site {case.site_id} has no appeals team."
        )
    return team


def _require_appealable(complaint: Case) -> None:
    state = appealability(complaint)
    if not state.appealable_kind:
        raise PacteError(
            ComplaintError.NOT_APPEALABLE,
            f"Case {complaint.reference} is a {complaint.kind}, not a complaint.",
        )
    if state.appeal is not None:
        raise PacteError(
            ComplaintError.APPEAL_ALREADY_FILED,
            f"Complaint {complaint.reference} already has appeal {state.appeal.reference}.",
            appeal=state.appeal.reference,
        )
    if not state.possible(clock.now()) and state.legal_deadline is not None:
        from_day = appeal_possible_from(complaint)
        raise PacteError(
            ComplaintError.APPEAL_TOO_EARLY,
            f"Complaint {complaint.reference} is unanswered: an appeal is possible once "
            f"answered, or from {from_day.isoformat()}.",
            date=formats.date_format(from_day, "DATE_FORMAT"),
        )


@transaction.atomic
def appeal_file(
    *,
    complaint: Case,
    channel: str,
    body: str,
    actor: User | None,
    customer_facing: bool = False,
    received_at: datetime | None = None,
) -> Case:
    """Open the appeal of ``complaint`` (level 2) and record APPEAL_FILED on it.

    Allowed when the complaint (or bill dispute) was answered, or left unanswered one
    calendar month after its receipt; once per complaint. ``customer_facing``: the
    customer files it themselves (the portal), so the complaint must be theirs.
    Refused (PacteError, nothing written) otherwise, or when the site has no appeals
    team. ``received_at``: the channel's receipt when Pacte's own intake files it (an
    email's), as ``case_open`` allows it.
    """
    complaint = Case.objects.select_related("site__calendar", "customer", "motive").get(
        pk=complaint.pk
    )
    if customer_facing and (actor is None or complaint.customer.user_id != actor.pk):
        raise NotFoundError(ComplaintError.NOT_APPEALABLE, "No such case.")
    if not body.strip():
        raise PacteError(ComplaintError.EMPTY_APPEAL, "An appeal needs a text.")
    _require_appealable(complaint)
    team = appeals_team(complaint)
    appeal = case_open(
        customer=complaint.customer,
        distributor=complaint.distributor,
        channel=Channel(channel),
        kind=CaseKind.APPEAL,
        motive=complaint.motive,
        subject=f"{complaint.reference} {complaint.subject}",
        team=team,
        description=body.strip(),
        actor=actor,
        received_at=received_at,
    )
    Case.objects.filter(pk=appeal.pk).update(follows=complaint)
    appeal.follows = complaint
    case_chain_event(
        case=complaint,
        kind=EventKind.APPEAL_FILED,
        actor=actor,
        channel=channel,
        data={"appeal": appeal.pk},
    )
    return appeal


def mediator_notice_for(case: Case) -> MediatorNotice:
    """The mediator notice of the scheme version in force at the case's site."""
    version = active_version(scheme=case.site.scheme)
    notice = MediatorNotice.objects.filter(version=version).first()
    if notice is None:
        raise PacteError(
            ComplaintError.NO_MEDIATOR_NOTICE,
            f"Scheme version {version} has no mediator notice.",
            version=str(version),
        )
    return notice


def customer_language(case: Case) -> str:
    return "en" if case.customer.preferred_language.startswith("en") else "fr"


@transaction.atomic
def appeal_answer(
    *,
    case: Case,
    actor: User,
    body: str,
    channel: Channel | None = None,
    send: bool = True,
    at: datetime | None = None,
) -> Case:
    """Answer an appeal: the agent's text, then the mediator notice in the customer's
    language (T6.7), recorded through the normal answer path with
    ``{"mediator_notice", "mediator_notice_id"}`` on the ANSWERED event. ``send``: Pacte
    sends an email answer itself (the workspace); else it records an answer an
    integration gave (the API, ``at`` as ``cases.services.case_answer`` allows it)."""
    case = Case.objects.select_related("site__scheme", "customer").get(pk=case.pk)
    if case.kind != CaseKind.APPEAL:
        raise PacteError(ComplaintError.NOT_AN_APPEAL, f"{case.reference} is not an appeal.")
    notice = mediator_notice_for(case)
    text = notice.text(customer_language(case))
    full = f"{body.strip()}\n\n{text}" if body.strip() else ""
    data = {"mediator_notice": text, "mediator_notice_id": notice.pk}
    channel = channel or Channel(case.channel)
    if send:
        return case_answer_send(case=case, actor=actor, channel=channel, body=full, data=data)
    return case_answer(case=case, actor=actor, channel=channel, body=full, at=at, data=data)
