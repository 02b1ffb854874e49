"""Level 3 of the complaint chain: the referral to the mediator, the mediator's
recommendation and its application (T6.7, docs/mediation.md).

- ``mediator_refer`` records REFERRED_TO_MEDIATOR on the complaint or the appeal, with
  the eligibility computed at the server's clock, and opens the mediation case
  (kind mediation, following it, same customer, on the site's appeals team, else the
  case's team). An ineligible referral is recorded too, marked ``eligible: false`` with
  its reason: the customer may always write to the mediator, and the mediator decides.
  One referral per case.
- ``mediator_recommendation_record`` records MEDIATOR_RECOMMENDED (accepted or not) on
  the mediation case: one per case. An accepted recommendation starts the T6.7-b clock.
- ``recommendation_apply`` records RECOMMENDATION_APPLIED: refused without an accepted
  recommendation, or twice. It meets the clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pacte.cases.errors import CaseError
from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Team
from pacte.cases.services import case_event_record, case_lock, case_open
from pacte.commitments.selectors import active_version
from pacte.complaints.eligibility import Eligibility
from pacte.complaints.errors import ChainConflictError, MediationError
from pacte.complaints.mediation_selectors import (
    REFERABLE_KINDS,
    MediationPanel,
    MediatorCoordinates,
    applied_of,
    case_eligibility,
    mediation_panel,
    recommendation_of,
)
from pacte.complaints.models import MediatorNotice
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel

# The mediator's coordinates when the scheme version in force has no mediator notice
# (complaints.models.MediatorNotice, which the customer page reads first).
MEDIATOR_NAME = _("Médiateur des communications électroniques")
MEDIATOR_ADDRESS = _("CS 30342, 94257 Gentilly Cedex")
MEDIATOR_WEBSITE = "www.mediateur-telecom.fr"
MEDIATOR_WHAT_TO_SEND = _(
    "Refer on the mediator's website or by letter, with: your written complaint and our "
    "answer (or its date if we did not answer), your appeal and its answer (or its "
    "date), your customer number, and the documents the dispute is about (bill, "
    "contract). A referral is possible within 1 year of your written complaint."
)
MEDIATOR = MediatorCoordinates(
    name=MEDIATOR_NAME,
    address=MEDIATOR_ADDRESS,
    website=MEDIATOR_WEBSITE,
    what_to_send=MEDIATOR_WHAT_TO_SEND,
)


def customer_mediation_panel(*, case: Case, now: datetime) -> MediationPanel | None:
    """Level 3 on the customer's own case page: the panel, with the mediator's
    coordinates and what to send."""
    panel = mediation_panel(case=case, now=now)
    return replace(panel, mediator=mediator_coordinates(case)) if panel is not None else None


def mediator_coordinates(case: Case) -> MediatorCoordinates:
    """The mediator as the notice of the scheme version in force at the case's site
    names them (what every answer to an appeal states), else the default coordinates."""
    version = active_version(scheme=case.site.scheme)
    notice = MediatorNotice.objects.filter(version=version).first()
    if notice is None:
        return MEDIATOR
    address = ", ".join(line.strip() for line in notice.postal_address.splitlines() if line.strip())
    return MediatorCoordinates(
        name=notice.name,
        address=address,
        website=notice.website,
        what_to_send=MEDIATOR_WHAT_TO_SEND,
    )


def mediation_team(case: Case) -> Team:
    """The site's appeals team (the first by code), else the case's own team."""
    team = Team.objects.filter(site_id=case.site_id, handles_appeals=True).order_by("code").first()
    return team if team is not None else case.team


def _require_text(body: str) -> str:
    text = body.strip()
    if not text:
        raise PacteError(MediationError.EMPTY_TEXT, "A text is needed.")
    return text


@transaction.atomic
def mediator_refer(*, case: Case, channel: Channel, body: str, actor: User | None) -> Case:
    """Record the referral of ``case`` (a complaint or an appeal) to the mediator and
    open the mediation case; returns it. Eligible or not (recorded as it is)."""
    case = case_lock(case)
    if case.kind not in REFERABLE_KINDS:
        raise PacteError(
            MediationError.NOT_REFERABLE, f"Case {case.reference} is a {case.kind}, not referable."
        )
    if Case.objects.filter(follows=case, kind=CaseKind.MEDIATION).exists():
        raise ChainConflictError(
            MediationError.ALREADY_REFERRED, f"Case {case.reference} was already referred."
        )
    eligibility: Eligibility = case_eligibility(case, at=clock.now())
    referral = case_open(
        customer=case.customer,
        channel=channel,
        kind=CaseKind.MEDIATION,
        motive=case.motive,
        subject=case.subject,
        team=mediation_team(case),
        description=body.strip(),
        actor=actor,
    )
    Case.objects.filter(pk=referral.pk).update(follows=case)
    referral.follows = case
    case_event_record(
        case=case,
        kind=EventKind.REFERRED_TO_MEDIATOR,
        actor=actor,
        channel=channel,
        body=body.strip(),
        data={
            "referral": referral.pk,
            "eligible": eligibility.eligible,
            "eligibility": str(eligibility.code),
        },
    )
    return referral


def _mediation_locked(case: Case) -> Case:
    case = case_lock(case)
    if case.kind != CaseKind.MEDIATION:
        raise PacteError(
            MediationError.NOT_A_MEDIATION, f"Case {case.reference} is not a mediator referral."
        )
    if case.status == CaseStatus.CLOSED:
        raise PacteError(CaseError.CLOSED, f"Case {case.reference} is closed.")
    return case


@transaction.atomic
def mediator_recommendation_record(
    *, case: Case, actor: User, body: str, accepted: bool
) -> CaseEvent:
    """Record the mediator's recommendation on the mediation case ``case``, accepted or
    not; an accepted one starts the 1-month clock to apply it."""
    case = _mediation_locked(case)
    text = _require_text(body)
    if recommendation_of(case) is not None:
        raise ChainConflictError(
            MediationError.ALREADY_RECOMMENDED,
            f"Case {case.reference} already has the mediator's recommendation.",
        )
    return case_event_record(
        case=case,
        kind=EventKind.MEDIATOR_RECOMMENDED,
        actor=actor,
        body=text,
        data={"accepted": bool(accepted)},
    )


@transaction.atomic
def recommendation_apply(*, case: Case, actor: User, body: str) -> CaseEvent:
    """Record what was done to apply the accepted recommendation; meets the clock."""
    case = _mediation_locked(case)
    text = _require_text(body)
    recommendation = recommendation_of(case)
    if recommendation is None or not recommendation.accepted:
        raise ChainConflictError(
            MediationError.NO_ACCEPTED_RECOMMENDATION,
            f"Case {case.reference} has no accepted recommendation to apply.",
        )
    if applied_of(case) is not None:
        raise ChainConflictError(
            MediationError.ALREADY_APPLIED, f"Case {case.reference} is already applied."
        )
    return case_event_record(
        case=case, kind=EventKind.RECOMMENDATION_APPLIED, actor=actor, body=text
    )
