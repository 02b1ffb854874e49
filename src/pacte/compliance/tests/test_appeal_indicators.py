"""T6.6-a/b and T6.7-a: appeals answered in time, by another agent, with the notice."""

from __future__ import annotations

import time_machine

from pacte.cases.models import CaseEvent, EventKind
from pacte.complaints.appeals import appeal_answer, appeal_file
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.selectors import indicator_verdicts
from pacte.compliance.tests.conftest import answer_at, case_at, indicator
from pacte.conftest import paris
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import TeamFactory, UserFactory

NOW = paris(2026, 4, 20, 12)


def appeal_of_answered_complaint(cast):
    appeals = TeamFactory.create(code="appeals", name="Appeals", handles_appeals=True)
    appeals_agent = UserFactory.create(username="appeals-agent", role=Role.AGENT)
    appeals.members.add(appeals_agent)
    complaint = case_at(
        paris(2026, 2, 2, 9), kind=CaseKind.COMPLAINT, team=cast.front, customer=cast.customer
    )
    answer_at(complaint, paris(2026, 2, 3, 9), actor=cast.agent)
    with time_machine.travel(paris(2026, 2, 10, 9), tick=False):
        appeal = appeal_file(complaint=complaint, channel=Channel.LETTER, body="No.", actor=None)
    return appeal, appeals_agent


def verdicts(code, month):
    return list(indicator_verdicts(indicator=indicator(code), year=2026, month=month, now=NOW))


def test_appeal_answered_in_time_by_another_agent_with_the_notice_passes_all(cast):
    appeal, appeals_agent = appeal_of_answered_complaint(cast)
    with time_machine.travel(paris(2026, 3, 5, 9), tick=False):
        appeal_answer(case=appeal, actor=appeals_agent, body="We maintain it.")
    (in_time,) = verdicts("T6.6-a", 3)  # its deadline, 10 March, falls in March
    assert (in_time.case_id, in_time.verdict) == (appeal.pk, Verdict.PASS)
    (other,) = verdicts("T6.6-b", 3)
    assert (other.case_id, other.verdict, other.reason_code) == (
        appeal.pk,
        Verdict.PASS,
        Reason.APPEAL_OTHER_AGENT,
    )
    (notice,) = verdicts("T6.7-a", 3)
    assert (notice.verdict, notice.reason_code) == (Verdict.PASS, Reason.MEDIATOR_NOTICE_STATED)
    assert verdicts("T6.6-b", 2) == []


def test_appeal_answered_late_fails_t66a(cast):
    appeal, appeals_agent = appeal_of_answered_complaint(cast)
    with time_machine.travel(paris(2026, 3, 12, 9), tick=False):
        appeal_answer(case=appeal, actor=appeals_agent, body="We maintain it.")
    (row,) = verdicts("T6.6-a", 3)
    assert (row.verdict, row.reason_code) == (Verdict.FAIL, Reason.ANSWERED_LATE)


def test_imported_answer_by_the_level_one_agent_without_notice_fails(cast):
    # given an answer recorded outside the services (an import): the complaint's agent,
    # no mediator notice; then a second, proper answer that does not count
    appeal, appeals_agent = appeal_of_answered_complaint(cast)
    CaseEvent.objects.create(
        case=appeal, kind=EventKind.ANSWERED, at=paris(2026, 3, 4, 9), actor=cast.agent, body="No."
    )
    with time_machine.travel(paris(2026, 3, 5, 9), tick=False):
        appeal_answer(case=appeal, actor=appeals_agent, body="We maintain it.")
    (other,) = verdicts("T6.6-b", 3)
    assert (other.verdict, other.reason_code) == (Verdict.FAIL, Reason.APPEAL_LEVEL_ONE_AGENT)
    assert other.actor_id == cast.agent.pk
    (notice,) = verdicts("T6.7-a", 3)
    assert (notice.verdict, notice.reason_code) == (
        Verdict.FAIL,
        Reason.MEDIATOR_NOTICE_MISSING,
    )
