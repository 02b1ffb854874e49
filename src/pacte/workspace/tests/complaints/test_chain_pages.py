"""The chain on the case page and on the customer's page: appeals, the written form,
the mediator notice on the appeal's answer, and the T6.6 refusal shown on the form."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from pacte.cases.models import Case, EventKind
from pacte.cases.services import case_answer
from pacte.complaints.appeals import appeal_file
from pacte.conftest import Cast, paris
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import TeamFactory, UserFactory, open_case
from pacte.mail.models import OutboundMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(cast: Cast) -> Case:
    appeals = TeamFactory.create(code="appeals", name="Appeals", handles_appeals=True)
    appeals.members.add(UserFactory.create(username="appeals-agent", role=Role.AGENT))
    case = open_case(
        received_at=paris(2026, 1, 31, 10, 0),
        kind=CaseKind.COMPLAINT,
        team=cast.front,
        customer=cast.customer,
    )
    with time_machine.travel(paris(2026, 2, 3, 11, 0), tick=False):
        case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body="No.")
    return case


def test_complaint_page_shows_the_chain_and_the_agent_files_an_appeal(
    client: Client, cast: Cast, complaint: Case
) -> None:
    client.force_login(cast.agent)
    page = client.get(f"/cases/{complaint.pk}/").content.decode()
    assert "chain-legal-deadline" in page
    assert "File an appeal" in page or "Former un recours" in page
    response = client.post(
        f"/complaints/{complaint.pk}/appeal/",
        {"appeal-channel": "letter", "appeal-body": "The customer disagrees."},
    )
    appeal = Case.objects.get(follows=complaint)
    assert appeal.channel == Channel.LETTER
    # the agent (front office) does not see the appeals team's cases: back on the complaint
    assert response["Location"] == f"/cases/{complaint.pk}/"
    assert appeal.reference in client.get(response["Location"]).content.decode()


def test_supervisor_files_an_appeal_and_lands_on_it(
    client: Client, cast: Cast, complaint: Case
) -> None:
    client.force_login(cast.supervisor)
    response = client.post(
        f"/complaints/{complaint.pk}/appeal/",
        {"appeal-channel": "email", "appeal-body": "The customer disagrees."},
    )
    appeal = Case.objects.get(follows=complaint)
    assert response["Location"] == f"/cases/{appeal.pk}/"
    assert client.get(response["Location"]).status_code == 200


def test_appeal_page_shows_the_notice_and_answers_with_it(
    client: Client, cast: Cast, complaint: Case
) -> None:
    appeal = appeal_file(complaint=complaint, channel=Channel.LETTER, body="No!", actor=None)
    appeals_agent = appeal.team.members.get()
    client.force_login(appeals_agent)
    page = client.get(f"/cases/{appeal.pk}/").content.decode()
    assert "94257 Gentilly Cedex" in page
    client.post(
        f"/cases/{appeal.pk}/answer/",
        {"answer-channel": "letter", "answer-body": "We maintain our answer."},
    )
    body = appeal.events.get(kind=EventKind.ANSWERED).body
    assert body.startswith("We maintain our answer.")
    assert "www.mediateur-telecom.fr" in body


def test_level_one_agent_is_refused_on_the_answer_form(
    client: Client, cast: Cast, complaint: Case
) -> None:
    appeal = appeal_file(complaint=complaint, channel=Channel.LETTER, body="No!", actor=None)
    appeal.team.members.add(cast.agent)
    client.force_login(cast.agent)
    response = client.post(
        f"/cases/{appeal.pk}/answer/",
        {"answer-channel": "letter", "answer-body": "We maintain our answer."},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert complaint.reference in response.content.decode()
    assert "(T6.6)" in response.content.decode()
    assert not appeal.events.filter(kind=EventKind.ANSWERED).exists()


def test_phone_complaint_sends_the_written_form(client: Client, cast: Cast) -> None:
    phone = open_case(
        received_at=paris(2026, 3, 9, 10, 0),
        kind=CaseKind.COMPLAINT,
        channel=Channel.PHONE,
        team=cast.front,
        customer=cast.customer,
    )
    client.force_login(cast.agent)
    page = client.get(f"/cases/{phone.pk}/", headers={"Accept-Language": "en"})
    assert f"/complaints/{phone.pk}/written-form/" in page.content.decode()
    client.post(f"/complaints/{phone.pk}/written-form/")
    event = phone.events.get(kind=EventKind.WRITTEN_FORM_SENT)
    outbound = OutboundMessage.objects.get(pk=event.data["outbound"])
    assert outbound.to == cast.customer.email
    assert phone.reference in outbound.subject


def test_written_form_refused_for_an_email_complaint(
    client: Client, cast: Cast, complaint: Case
) -> None:
    client.force_login(cast.agent)
    client.post(f"/complaints/{complaint.pk}/written-form/")
    assert not complaint.events.filter(kind=EventKind.WRITTEN_FORM_SENT).exists()


def test_customer_appeals_from_their_case_page(client: Client, cast: Cast, complaint: Case) -> None:
    client.force_login(cast.customer_user)
    page = client.get(f"/my-cases/{complaint.reference}/").content.decode()
    assert 'name="appeal-body"' in page
    response = client.post(
        f"/my-cases/{complaint.reference}/appeal/", {"appeal-body": "Not satisfied."}
    )
    appeal = Case.objects.get(follows=complaint)
    assert response["Location"] == f"/my-cases/{appeal.reference}/"
    page = client.get(response["Location"]).content.decode()
    assert "my-appeal-deadline" in page
    assert appeal.channel == Channel.WEB


def test_another_customer_cannot_appeal(client: Client, cast: Cast, complaint: Case) -> None:
    client.force_login(cast.other_customer_user)
    response = client.post(f"/my-cases/{complaint.reference}/appeal/", {"appeal-body": "x"})
    assert response.status_code == 404
    assert not Case.objects.filter(follows=complaint).exists()


def test_unanswered_complaint_has_no_appeal_form_yet(client: Client, cast: Cast) -> None:
    fresh = open_case(
        received_at=paris(2026, 3, 9, 10, 0),
        kind=CaseKind.COMPLAINT,
        team=cast.front,
        customer=cast.customer,
    )
    client.force_login(cast.customer_user)
    with time_machine.travel(paris(2026, 3, 10, 10, 0), tick=False):
        page = client.get(f"/my-cases/{fresh.reference}/").content.decode()
        response = client.post(f"/my-cases/{fresh.reference}/appeal/", {"appeal-body": "x"})
    assert 'name="appeal-body"' not in page
    assert response.status_code == 302
    assert not Case.objects.filter(follows=fresh).exists()
