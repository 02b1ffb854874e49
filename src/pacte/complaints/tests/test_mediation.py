"""Level 3 through its services: referrals (eligible or not), recommendations, their
application, every refusal, and the T6.7-b clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from pacte.cases.models import Case, CaseEvent, Clock, ClockState, EventKind
from pacte.cases.recompute import clocks_recompute_cases
from pacte.cases.services import case_close
from pacte.complaints.errors import MediationError
from pacte.complaints.mediation import (
    mediator_recommendation_record,
    mediator_refer,
    recommendation_apply,
)
from pacte.complaints.tests.mediation_helpers import (
    answer_at,
    appeal_at,
    apply_at,
    complaint_at,
    recommend_at,
    refer_at,
)
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.selectors import indicator_verdicts
from pacte.compliance.tests.conftest import indicator
from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import TeamFactory, open_case

RECEIVED = paris(2026, 1, 12, 10)
TICK = timedelta(microseconds=1)


@pytest.fixture
def appeals_team(cast):
    team = TeamFactory.create(code="appeals", site=cast.front.site, handles_appeals=True)
    team.members.add(cast.other_agent)
    return team


def referral_event(case: Case) -> CaseEvent:
    return CaseEvent.objects.get(case=case, kind=EventKind.REFERRED_TO_MEDIATOR)


def test_referral_of_an_answered_appeal_opens_the_mediation_case(cast, appeals_team):
    complaint = complaint_at(RECEIVED, team=cast.front, customer=cast.customer)
    answer_at(complaint, paris(2026, 1, 14, 10), actor=cast.agent)
    appeal = appeal_at(complaint, paris(2026, 1, 20, 10), team=appeals_team)
    answer_at(appeal, paris(2026, 2, 2, 10), actor=cast.other_agent)

    referral = refer_at(appeal, paris(2026, 2, 10, 10), actor=cast.agent)

    assert (referral.kind, referral.follows_id, referral.customer_id) == (
        CaseKind.MEDIATION,
        appeal.pk,
        cast.customer.pk,
    )
    assert referral.team == appeals_team
    event = referral_event(appeal)
    assert event.data == {
        "referral": referral.pk,
        "eligible": True,
        "eligibility": "appeal_answered",
    }
    assert event.at == paris(2026, 2, 10, 10)
    assert event.channel == Channel.LETTER
    # No clock runs on the referral until a recommendation is accepted.
    assert not Clock.objects.filter(case=referral).exists()


def test_complaint_unanswered_two_months_goes_to_the_case_team_without_appeals_team(cast):
    complaint = complaint_at(RECEIVED, team=cast.front)
    early = refer_at(complaint, paris(2026, 3, 12, 23, 59, 59, 999999), actor=cast.agent)
    data = referral_event(complaint).data
    assert (data["eligible"], data["eligibility"]) == (False, "complaint_pending")
    assert early.team == cast.front

    other = complaint_at(RECEIVED, team=cast.front)
    refer_at(other, paris(2026, 3, 13), actor=cast.agent)
    data = referral_event(other).data
    assert (data["eligible"], data["eligibility"]) == (True, "complaint_unanswered_two_months")


def test_ineligible_referral_is_recorded_with_its_reason(cast):
    complaint = complaint_at(RECEIVED, team=cast.front)
    answer_at(complaint, paris(2026, 1, 13, 10), actor=cast.agent)
    referral = refer_at(complaint, paris(2026, 1, 20, 10), actor=cast.customer_user)
    data = referral_event(complaint).data
    assert data == {"referral": referral.pk, "eligible": False, "eligibility": "appeal_first"}
    assert referral.opened_by == cast.customer_user


def test_phone_complaint_has_no_written_complaint(cast):
    complaint = complaint_at(RECEIVED, team=cast.front, channel=Channel.PHONE)
    refer_at(complaint, paris(2026, 6, 1), actor=cast.agent)
    assert referral_event(complaint).data["eligibility"] == "no_written_complaint"


def test_referral_of_an_appeal_a_year_after_the_complaint_is_too_late(cast, appeals_team):
    complaint = complaint_at(RECEIVED, team=cast.front)
    appeal = appeal_at(complaint, paris(2026, 2, 20, 10), team=appeals_team)
    answer_at(appeal, paris(2026, 3, 1, 10), actor=cast.other_agent)
    refer_at(appeal, paris(2027, 1, 13), actor=cast.agent)
    assert referral_event(appeal).data["eligibility"] == "too_late"


def test_only_complaints_and_appeals_are_referred(cast):
    request = open_case(received_at=RECEIVED, team=cast.front, kind=CaseKind.REQUEST)
    with pytest.raises(PacteError) as refused:
        refer_at(request, paris(2026, 6, 1), actor=cast.agent)
    assert refused.value.code == MediationError.NOT_REFERABLE
    assert not Case.objects.filter(kind=CaseKind.MEDIATION).exists()


def test_second_referral_refused(cast):
    complaint = complaint_at(RECEIVED, team=cast.front)
    refer_at(complaint, paris(2026, 6, 1), actor=cast.agent)
    with pytest.raises(PacteError) as refused:
        refer_at(complaint, paris(2026, 6, 2), actor=cast.agent)
    assert refused.value.code == MediationError.ALREADY_REFERRED
    assert refused.value.status_code == 409
    assert Case.objects.filter(kind=CaseKind.MEDIATION).count() == 1


@pytest.fixture
def mediation(cast, appeals_team):
    complaint = complaint_at(RECEIVED, team=cast.front)
    return refer_at(complaint, paris(2026, 4, 1, 10), actor=cast.agent)


def test_accepted_recommendation_starts_a_one_month_clock(cast, mediation):
    recommend_at(mediation, paris(2026, 5, 31, 15), actor=cast.other_agent)
    clock = Clock.objects.get(case=mediation, commitment__code="T6.7")
    assert clock.started_at == paris(2026, 5, 31, 15)
    assert clock.due_at == paris(2026, 6, 30, 23, 59, 59, 999999)  # 31 May → 30 June
    assert clock.state == ClockState.RUNNING
    mediation.refresh_from_db()
    assert mediation.due_at == clock.due_at
    event = CaseEvent.objects.get(case=mediation, kind=EventKind.MEDIATOR_RECOMMENDED)
    assert (event.data, event.body) == ({"accepted": True}, "Refund the two months.")


@pytest.mark.parametrize(
    ("applied_at", "state"),
    [
        (paris(2026, 6, 30, 23, 59, 59, 999999), ClockState.MET),
        (paris(2026, 7, 1), ClockState.MET_LATE),
    ],
    ids=["last-microsecond", "next-day"],
)
def test_application_meets_the_clock(cast, mediation, applied_at, state):
    recommend_at(mediation, paris(2026, 5, 31, 15), actor=cast.other_agent)
    apply_at(mediation, applied_at, actor=cast.other_agent)
    clock = Clock.objects.get(case=mediation, commitment__code="T6.7")
    assert (clock.met_at, clock.state) == (applied_at, state)


def test_answer_does_not_meet_the_clock_and_breach_shows(cast, mediation):
    recommend_at(mediation, paris(2026, 5, 4, 15), actor=cast.other_agent)
    answer_at(mediation, paris(2026, 5, 5, 10), actor=cast.other_agent)
    with time_machine.travel(paris(2026, 6, 5), tick=False):
        clocks_recompute_cases([mediation.pk], now=paris(2026, 6, 5))
    clock = Clock.objects.get(case=mediation, commitment__code="T6.7")
    assert (clock.met_at, clock.state) == (None, ClockState.BREACHED)


def test_refused_recommendation_starts_no_clock_and_cannot_be_applied(cast, mediation):
    recommend_at(mediation, paris(2026, 5, 4, 15), actor=cast.other_agent, accepted=False)
    assert not Clock.objects.filter(case=mediation, commitment__code="T6.7").exists()
    with pytest.raises(PacteError) as refused:
        apply_at(mediation, paris(2026, 5, 5), actor=cast.other_agent)
    assert refused.value.code == MediationError.NO_ACCEPTED_RECOMMENDATION


def test_application_without_recommendation_refused(cast, mediation):
    with pytest.raises(PacteError) as refused:
        apply_at(mediation, paris(2026, 5, 5), actor=cast.other_agent)
    assert refused.value.code == MediationError.NO_ACCEPTED_RECOMMENDATION
    assert refused.value.status_code == 409


def test_second_recommendation_and_second_application_refused(cast, mediation):
    recommend_at(mediation, paris(2026, 5, 4, 15), actor=cast.other_agent)
    with pytest.raises(PacteError) as twice:
        recommend_at(mediation, paris(2026, 5, 5), actor=cast.other_agent, accepted=False)
    assert twice.value.code == MediationError.ALREADY_RECOMMENDED
    apply_at(mediation, paris(2026, 5, 6), actor=cast.other_agent)
    with pytest.raises(PacteError) as again:
        apply_at(mediation, paris(2026, 5, 7), actor=cast.other_agent)
    assert again.value.code == MediationError.ALREADY_APPLIED


def test_recommendation_refusals(cast, mediation):
    complaint = mediation.follows
    with pytest.raises(PacteError) as not_mediation:
        mediator_recommendation_record(case=complaint, actor=cast.agent, body="x", accepted=True)
    assert not_mediation.value.code == MediationError.NOT_A_MEDIATION
    with pytest.raises(PacteError) as empty:
        mediator_recommendation_record(case=mediation, actor=cast.agent, body="  ", accepted=True)
    assert empty.value.code == MediationError.EMPTY_TEXT
    recommend_at(mediation, paris(2026, 5, 4), actor=cast.other_agent)
    with pytest.raises(PacteError) as empty_apply:
        recommendation_apply(case=mediation, actor=cast.agent, body="")
    assert empty_apply.value.code == MediationError.EMPTY_TEXT
    case_close(case=mediation, actor=cast.agent)
    with pytest.raises(PacteError) as closed:
        recommendation_apply(case=mediation, actor=cast.agent, body="Done.")
    assert closed.value.code == "case_closed"
    assert not CaseEvent.objects.filter(case=mediation, kind=EventKind.RECOMMENDATION_APPLIED)


def test_referral_of_a_closed_complaint_is_recorded(cast):
    complaint = complaint_at(RECEIVED, team=cast.front)
    case_close(case=complaint, actor=cast.agent)
    referral = mediator_refer(case=complaint, channel=Channel.WEB, body="", actor=cast.agent)
    assert referral.follows_id == complaint.pk


def test_indicator_t67b_judges_the_application(cast, mediation):
    other = refer_at(complaint_at(RECEIVED, team=cast.front), paris(2026, 4, 2), actor=cast.agent)
    recommend_at(mediation, paris(2026, 4, 10, 10), actor=cast.other_agent)
    recommend_at(other, paris(2026, 4, 10, 11), actor=cast.other_agent)
    apply_at(mediation, paris(2026, 5, 10, 23), actor=cast.other_agent)
    apply_at(other, paris(2026, 5, 11, 0, 0), actor=cast.other_agent)
    rows = indicator_verdicts(
        indicator=indicator("T6.7-b"), year=2026, month=5, now=paris(2026, 6, 2)
    )
    judged = {row.case_id: (row.verdict, row.reason_code) for row in rows}
    assert judged == {
        mediation.pk: (Verdict.PASS, Reason.APPLIED_IN_TIME),
        other.pk: (Verdict.FAIL, Reason.APPLIED_LATE),
    }
    assert str(Reason.APPLIED_LATE.label) in {row.reason for row in rows}
