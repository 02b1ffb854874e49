"""Level 2: filing an appeal, the T6.6 refusal and the T6.7 mediator notice."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import translation

from pacte.cases.models import CaseEvent, ClockState, EventKind
from pacte.cases.services import case_answer, case_assign, case_hand_off
from pacte.complaints.appeals import appeal_answer, appeal_file
from pacte.complaints.errors import ComplaintError
from pacte.complaints.models import MediatorNotice
from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import open_case

pytestmark = pytest.mark.django_db


def answered(chain, cast):
    with time_machine.travel(paris(2026, 2, 3, 11, 0), tick=False):
        case_answer(case=chain.complaint, actor=cast.agent, channel=Channel.EMAIL, body="No.")


def file(chain, **extra):
    return appeal_file(
        complaint=chain.complaint,
        channel=extra.pop("channel", Channel.LETTER),
        body=extra.pop("body", "I disagree with your answer."),
        actor=extra.pop("actor", None),
        **extra,
    )


def test_answered_complaint_opens_an_appeal_on_the_appeals_team(chain, cast):
    # given an answered complaint
    answered(chain, cast)
    # when the customer appeals by letter on 10 February
    with time_machine.travel(paris(2026, 2, 10, 9, 0), tick=False):
        appeal = file(chain, actor=cast.agent)
    # then the appeal follows the complaint, on the appeals team, with its 1-month clock
    assert (appeal.kind, appeal.follows_id, appeal.team) == (
        CaseKind.APPEAL,
        chain.complaint.pk,
        chain.appeals,
    )
    assert appeal.customer == cast.customer
    clock = appeal.clocks.select_related("commitment").get()
    assert (clock.commitment.code, clock.state) == ("T6.6", ClockState.RUNNING)
    assert clock.due_at == paris(2026, 3, 10, 23, 59, 59, 999999)
    filed = chain.complaint.events.get(kind=EventKind.APPEAL_FILED)
    assert filed.data == {"appeal": appeal.pk}


def test_unanswered_complaint_is_refused_before_its_month_with_the_date(chain):
    # given a complaint received 31 January, unanswered: its month ends 28 February
    with (
        time_machine.travel(paris(2026, 2, 28, 23, 0), tick=False),
        pytest.raises(PacteError) as refused,
    ):
        file(chain)
    assert refused.value.code == ComplaintError.APPEAL_TOO_EARLY
    with translation.override("fr"):
        assert "1 mars 2026" in refused.value.text
    assert "2026-03-01" in refused.value.message
    assert not chain.complaint.followed_by.exists()


def test_unanswered_complaint_is_appealable_the_day_after_its_month(chain):
    with time_machine.travel(paris(2026, 3, 1, 0, 1), tick=False):
        appeal = file(chain)
    assert appeal.follows_id == chain.complaint.pk


def test_second_appeal_is_refused(chain, cast):
    answered(chain, cast)
    first = file(chain)
    with pytest.raises(PacteError) as refused:
        file(chain)
    assert refused.value.code == ComplaintError.APPEAL_ALREADY_FILED
    assert first.reference in refused.value.text


def test_request_cannot_be_appealed(chain, cast):
    request = open_case(received_at=paris(2026, 1, 5, 10, 0), team=cast.front)
    with pytest.raises(PacteError) as refused:
        appeal_file(complaint=request, channel=Channel.LETTER, body="x", actor=None)
    assert refused.value.code == ComplaintError.NOT_APPEALABLE


def test_site_without_appeals_team_refuses(chain, cast):
    answered(chain, cast)
    chain.appeals.handles_appeals = False
    chain.appeals.save()
    with pytest.raises(PacteError) as refused:
        file(chain)
    assert refused.value.code == ComplaintError.NO_APPEALS_TEAM


def test_customer_facing_appeal_needs_the_customers_own_complaint(chain, cast):
    answered(chain, cast)
    with pytest.raises(PacteError):
        file(chain, actor=cast.other_customer_user, customer_facing=True)
    appeal = file(chain, actor=cast.customer_user, customer_facing=True, channel=Channel.WEB)
    assert appeal.opened_by == cast.customer_user


def test_level_one_answerer_may_not_be_assigned_handed_or_answer(chain, cast):
    # given the complaint answered by cast.agent, who then joins the appeals team
    answered(chain, cast)
    appeal = file(chain)
    chain.appeals.members.add(cast.agent)
    # then the appeal is refused to them, saying why, and nothing is recorded
    for attempt in (
        lambda: case_assign(case=appeal, assignee=cast.agent, actor=cast.supervisor),
        lambda: case_hand_off(
            case=appeal, actor=cast.supervisor, note="x" * 20, to_assignee=cast.agent
        ),
        lambda: appeal_answer(case=appeal, actor=cast.agent, body="We maintain it."),
    ):
        with pytest.raises(PacteError) as refused:
            attempt()
        assert refused.value.code == "appeal_level_one_answerer"
        assert refused.value.status_code == 403
        assert chain.complaint.reference in refused.value.text
    assert list(appeal.events.values_list("kind", flat=True)) == [EventKind.OPENED]
    # while another agent may
    case_assign(case=appeal, assignee=chain.appeals_agent, actor=cast.supervisor)


def test_appeal_answer_appends_the_notice_and_records_it(chain, cast):
    answered(chain, cast)
    appeal = file(chain)
    appeal_answer(case=appeal, actor=chain.appeals_agent, body="We maintain our answer.")
    event = appeal.events.get(kind=EventKind.ANSWERED)
    notice = MediatorNotice.objects.get(version__scheme__code="telecom-2004")
    assert event.data["mediator_notice_id"] == notice.pk
    assert event.body.startswith("We maintain our answer.\n\n")
    assert event.data["mediator_notice"] in event.body
    assert "CS 30342" in event.body
    assert "94257 Gentilly Cedex" in event.body
    assert "www.mediateur-telecom.fr" in event.body
    assert "un an" in event.body  # the customer reads French


def test_appeal_answer_is_in_english_for_an_english_customer(chain, cast):
    answered(chain, cast)
    cast.customer.preferred_language = "en"
    cast.customer.save()
    appeal = file(chain)
    appeal_answer(case=appeal, actor=chain.appeals_agent, body="We maintain our answer.")
    body = appeal.events.get(kind=EventKind.ANSWERED).body
    assert "within one year of your written complaint" in body


def test_plain_answer_without_notice_is_refused_on_an_appeal(chain, cast):
    answered(chain, cast)
    appeal = file(chain)
    for data in (None, {"mediator_notice": ""}, {"mediator_notice": "not in the body"}):
        with pytest.raises(PacteError) as refused:
            case_answer(
                case=appeal, actor=chain.appeals_agent, channel=Channel.EMAIL, body="No.", data=data
            )
        assert refused.value.code == "mediator_notice_required"
    assert not CaseEvent.objects.filter(case=appeal, kind=EventKind.ANSWERED).exists()


def test_appeal_answer_without_a_notice_for_the_version_is_refused(chain, cast):
    answered(chain, cast)
    appeal = file(chain)
    MediatorNotice.objects.all().delete()
    with pytest.raises(PacteError) as refused:
        appeal_answer(case=appeal, actor=chain.appeals_agent, body="We maintain our answer.")
    assert refused.value.code == ComplaintError.NO_MEDIATOR_NOTICE


def test_appeal_answer_refuses_a_case_that_is_not_an_appeal(chain):
    with pytest.raises(PacteError) as refused:
        appeal_answer(case=chain.complaint, actor=chain.appeals_agent, body="x")
    assert refused.value.code == ComplaintError.NOT_AN_APPEAL
