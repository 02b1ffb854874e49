"""The demo's complaint chain, bill disputes and contract-acceptance cases: in the event
formats the complaints and contracts apps read, chained, and with the clocks the
recompute derives."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from pacte.cases.models import Case, CaseEvent, CaseStatus, Clock, EventKind, Team
from pacte.cases.recompute import clocks_recompute
from pacte.core.chain import chains_verify_all
from pacte.core.vocabulary import WRITTEN_CHANNELS, CaseKind, Channel
from pacte.demo.chain_words import MEDIATOR_NOTICE
from pacte.demo.generate import DemoSummary
from pacte.demo.tests.conftest import Generate

pytestmark = pytest.mark.django_db


def test_a_demo_holds_the_chain_disputes_and_acceptance_cases_in_their_formats(
    generate: Generate, frozen_now: datetime
) -> None:
    # given a year of demo (one generation for every check: it takes a while)
    demo = generate(contacts=6000, months=12, seed=4)
    # then each part is there, as the complaints and contracts apps record it
    check_every_site_has_an_appeals_team_whose_agents_answer_no_level_1_case()
    check_appeals_follow_answered_written_complaints(frozen_now)
    check_appeal_answers_carry_the_mediator_notice_mostly()
    check_referrals_recommendations_and_their_application()
    check_bill_disputes_are_assessed_and_proven_ones_corrected()
    check_acceptance_cases_notify_customer_and_distributor()
    check_the_trail_verifies_and_the_recompute_agrees(demo, frozen_now)


def events(kind: EventKind) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(kind=kind).select_related("case", "actor"))


def check_every_site_has_an_appeals_team_whose_agents_answer_no_level_1_case() -> None:
    teams = Team.objects.filter(handles_appeals=True)
    assert sorted(teams.values_list("code", flat=True)) == ["metz-appeals", "paris-appeals"]
    assert {team.site.code for team in teams} == {"paris", "metz"}
    appeal_agents = set(teams.values_list("members", flat=True))
    level_1 = CaseEvent.objects.filter(kind=EventKind.ANSWERED).exclude(
        case__kind__in=[CaseKind.APPEAL, CaseKind.MEDIATION]
    )
    assert not level_1.filter(actor_id__in=appeal_agents).exists()
    assert teams.get(code="paris-appeals").members.filter(username="appeals").exists()


def check_appeals_follow_answered_written_complaints(frozen_now: datetime) -> None:
    filed = events(EventKind.APPEAL_FILED)
    assert len(filed) >= 10
    for event in filed:
        appeal = Case.objects.get(pk=event.data["appeal"])
        complaint = event.case
        assert appeal.kind == CaseKind.APPEAL
        assert appeal.follows_id == complaint.pk
        assert complaint.kind == CaseKind.COMPLAINT
        assert complaint.channel in WRITTEN_CHANNELS
        assert appeal.channel in (Channel.LETTER, Channel.EMAIL, Channel.WEB)
        assert appeal.team.handles_appeals
        assert appeal.site_id == complaint.site_id
        assert event.at == appeal.received_at <= frozen_now
        answer = complaint.events.filter(kind=EventKind.ANSWERED).get()
        assert answer.at < appeal.received_at
        assert event.seq == complaint.events.count()  # appended after the complaint's trail


def check_appeal_answers_carry_the_mediator_notice_mostly() -> None:
    answers = events(EventKind.ANSWERED)
    appeal_answers = [a for a in answers if a.case.kind == CaseKind.APPEAL]
    assert len(appeal_answers) >= 10
    with_notice = [a for a in appeal_answers if "mediator_notice" in a.data]
    assert len(with_notice) >= 0.9 * len(appeal_answers)
    for answer in with_notice:
        assert answer.data == {"mediator_notice": MEDIATOR_NOTICE, "mediator_notice_id": None}
        assert answer.body.endswith(MEDIATOR_NOTICE)
        assert answer.actor is not None
        assert answer.actor.teams.filter(pk=answer.case.team_id).exists()
    states = set(Clock.objects.filter(case__kind=CaseKind.APPEAL).values_list("state", flat=True))
    assert "met" in states


def check_referrals_recommendations_and_their_application() -> None:
    referred = events(EventKind.REFERRED_TO_MEDIATOR)
    assert referred
    for event in referred:
        assert event.case.kind == CaseKind.APPEAL
        assert event.data["eligible"] is True
        assert event.data["eligibility"] == "appeal_answered"
        mediation = Case.objects.get(pk=event.data["referral"])
        assert (mediation.kind, mediation.follows_id) == (CaseKind.MEDIATION, event.case_id)
        assert mediation.received_at == event.at
    recommended = events(EventKind.MEDIATOR_RECOMMENDED)
    assert recommended
    assert {type(event.data["accepted"]) for event in recommended} == {bool}
    for event in events(EventKind.RECOMMENDATION_APPLIED):
        recommendation = event.case.events.get(kind=EventKind.MEDIATOR_RECOMMENDED)
        assert recommendation.data["accepted"] is True
        assert recommendation.at < event.at
        assert event.body


def check_bill_disputes_are_assessed_and_proven_ones_corrected() -> None:
    opened = CaseEvent.objects.filter(kind=EventKind.OPENED, case__kind=CaseKind.BILL_DISPUTE)
    for event in opened:
        assert event.data["invoice"].startswith("F")
        assert Decimal(event.data["amount"]) > 0
    assessed = events(EventKind.DISPUTE_ASSESSED)
    proven = [event for event in assessed if event.data["proven"]]
    assert 0.25 * len(assessed) < len(proven) < 0.55 * len(assessed)
    for event in assessed:
        assert event.body
        assert event.case.kind == CaseKind.BILL_DISPUTE
        opening = event.case.events.get(kind=EventKind.OPENED)
        assert event.data["invoice"] == opening.data["invoice"]
        assert event.data["amount"] == opening.data["amount"]
    corrections = events(EventKind.CORRECTION_ISSUED)
    corrected = {event.case_id for event in corrections}
    assert corrected <= {event.case_id for event in proven}
    assert 0.75 * len(proven) <= len(corrected) < len(proven)  # a few missing
    for event in corrections:
        assert Decimal(event.data["amount"]) > 0
        assert event.data["reference"]
        date.fromisoformat(event.data["issued_on"])


def check_acceptance_cases_notify_customer_and_distributor() -> None:
    cases = Case.objects.filter(kind=CaseKind.ACCEPTANCE)
    assert cases.count() >= 20
    assert not cases.filter(distributor__isnull=True).exists()
    assert set(cases.values_list("channel", flat=True)) <= {
        Channel.DISTRIBUTOR_HOTLINE,
        Channel.WEB,
    }
    for case in cases.filter(status=CaseStatus.CLOSED):
        opening = case.events.get(kind=EventKind.OPENED)
        assert set(opening.data) >= {"contract_kind", "blocking", "needed"}
        notices = case.events.filter(kind__in=[EventKind.NOTICE_SENT, EventKind.NOTICE_IMPOSSIBLE])
        assert sorted(notices.values_list("data__party", flat=True)) == ["customer", "distributor"]
    sent = events(EventKind.NOTICE_SENT)
    assert {event.data["party"] for event in sent} == {"customer", "distributor"}
    assert all(event.data["channel"] == event.channel and event.body for event in sent)


def check_the_trail_verifies_and_the_recompute_agrees(demo: DemoSummary, now: datetime) -> None:
    assert chains_verify_all().breaks == []
    assert not CaseEvent.objects.filter(at__gt=now).exists()
    report = clocks_recompute(now=now)
    assert report.changes == 0
    assert report.cases == Case.objects.count() == demo.tally.cases
    assert Clock.objects.count() == demo.tally.clocks
