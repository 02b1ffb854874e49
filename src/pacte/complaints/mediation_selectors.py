"""Reads for level 3 (the mediator): a case's chain dates, its eligibility, its panel.

The chain: a complaint (level 1), its appeal (level 2, a Case of kind appeal following
it) and the referrals to the mediator (Cases of kind mediation following either).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min
from django.utils.functional import Promise

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case, CaseEvent, Clock, EventKind
from pacte.complaints.eligibility import (
    REASONS,
    ChainDates,
    Eligibility,
    EligibilityCode,
    mediator_eligibility,
)
from pacte.core.vocabulary import WRITTEN_CHANNELS, CaseKind, Channel

REFERABLE_KINDS = (CaseKind.COMPLAINT, CaseKind.APPEAL)


def _first_answer_at(case: Case | None) -> datetime | None:
    if case is None:
        return None
    found: datetime | None = CaseEvent.objects.filter(case=case, kind=EventKind.ANSWERED).aggregate(
        first=Min("at")
    )["first"]
    return found


def chain_of(case: Case) -> tuple[Case | None, Case | None]:
    """The complaint and the appeal of the chain ``case`` (a complaint or an appeal) is in.

    For a complaint, its first appeal; for an appeal, the complaint it follows (None if
    it follows none)."""
    if case.kind == CaseKind.APPEAL:
        complaint = case.follows if case.follows_id is not None else None
        return complaint, case
    appeals = Case.objects.filter(follows=case, kind=CaseKind.APPEAL)
    appeal = appeals.order_by("received_at", "pk").first()
    return case, appeal


def chain_dates(case: Case) -> ChainDates:
    """The dates the eligibility reads, from the chain of ``case``. A complaint received
    on a channel that is not written (phone, chat) gives no written-complaint date."""
    complaint, appeal = chain_of(case)
    written = complaint is not None and complaint.channel in WRITTEN_CHANNELS
    return ChainDates(
        complaint_received_at=complaint.received_at if written and complaint else None,
        complaint_answered_at=_first_answer_at(complaint),
        appeal_filed_at=appeal.received_at if appeal is not None else None,
        appeal_answered_at=_first_answer_at(appeal),
    )


def case_eligibility(case: Case, *, at: datetime) -> Eligibility:
    """Whether ``case`` (a complaint or an appeal) may be referred to the mediator at
    ``at``, days counted in its site's calendar."""
    spec = calendar_spec(calendar=case.site.calendar)
    return mediator_eligibility(chain_dates(case), at=at, spec=spec)


@dataclass(frozen=True)
class Referral:
    """A referral recorded on a complaint or an appeal, and the mediation case it opened."""

    event: CaseEvent
    mediation: Case | None

    @property
    def eligible(self) -> bool:
        return self.event.data.get("eligible") is True

    @property
    def reason(self) -> Promise | str:
        """The eligibility recorded with the referral, in words."""
        code = str(self.event.data.get("eligibility", ""))
        try:
            return REASONS[EligibilityCode(code)]
        except ValueError:
            return code


@dataclass(frozen=True)
class Recommendation:
    event: CaseEvent
    accepted: bool


@dataclass(frozen=True)
class MediatorCoordinates:
    """The mediator's coordinates and what to send, as the customer reads them."""

    name: Promise | str
    address: Promise | str
    website: str
    what_to_send: Promise | str


@dataclass(frozen=True)
class MediationPanel:
    """What the case page shows of level 3. For a complaint or an appeal: the
    eligibility now and the referrals recorded; for a mediation case: what it follows,
    the recommendation, its application and the application deadline (its clock)."""

    case: Case
    referable: bool
    eligibility: Eligibility | None
    referrals: list[Referral]
    recommendation: Recommendation | None
    applied: CaseEvent | None
    clock: Clock | None
    mediator: MediatorCoordinates | None = None

    @property
    def is_mediation(self) -> bool:
        return self.case.kind == CaseKind.MEDIATION

    @property
    def channels(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in Channel.choices]

    @property
    def can_refer(self) -> bool:
        return self.referable and not self.referrals

    @property
    def can_recommend(self) -> bool:
        return self.is_mediation and self.recommendation is None

    @property
    def can_apply(self) -> bool:
        found = self.recommendation
        return found is not None and found.accepted and self.applied is None


def referrals_of(case: Case) -> list[Referral]:
    events = list(
        CaseEvent.objects.filter(case=case, kind=EventKind.REFERRED_TO_MEDIATOR).order_by(
            "at", "pk"
        )
    )
    ids = [event.data.get("referral") for event in events]
    cases = Case.objects.in_bulk([pk for pk in ids if isinstance(pk, int)])
    return [Referral(event=e, mediation=cases.get(e.data.get("referral"))) for e in events]


def recommendation_of(case: Case) -> Recommendation | None:
    event = (
        CaseEvent.objects.filter(case=case, kind=EventKind.MEDIATOR_RECOMMENDED)
        .order_by("at", "pk")
        .first()
    )
    if event is None:
        return None
    return Recommendation(event=event, accepted=event.data.get("accepted") is True)


def applied_of(case: Case) -> CaseEvent | None:
    return (
        CaseEvent.objects.filter(case=case, kind=EventKind.RECOMMENDATION_APPLIED)
        .order_by("at", "pk")
        .first()
    )


def application_clock(case: Case) -> Clock | None:
    """The case's clock of a commitment whose rule is for mediation cases (T6.7-b)."""
    return (
        Clock.objects.filter(case=case, commitment__deadline_rules__kind=CaseKind.MEDIATION)
        .select_related("commitment")
        .order_by("pk")
        .first()
    )


def mediation_panel(*, case: Case, now: datetime) -> MediationPanel | None:
    """Level 3 on ``case``'s page; None for a case outside the chain (a request…)."""
    if case.kind in REFERABLE_KINDS:
        return MediationPanel(
            case=case,
            referable=True,
            eligibility=case_eligibility(case, at=now),
            referrals=referrals_of(case),
            recommendation=None,
            applied=None,
            clock=None,
        )
    if case.kind == CaseKind.MEDIATION:
        return MediationPanel(
            case=case,
            referable=False,
            eligibility=None,
            referrals=[],
            recommendation=recommendation_of(case),
            applied=applied_of(case),
            clock=application_clock(case),
        )
    return None
