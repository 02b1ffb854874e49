"""POST /api/cases/{id}/appeal/ and the answer endpoint on an appeal (T6.6, T6.7)."""

from __future__ import annotations

import pytest
import time_machine

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case, EventKind
from pacte.cases.services import case_answer
from pacte.conftest import Cast, paris
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import TeamFactory, UserFactory, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(cast: Cast) -> Case:
    TeamFactory.create(code="appeals", name="Appeals", handles_appeals=True)
    return open_case(
        received_at=paris(2026, 1, 31, 10, 0),
        kind=CaseKind.COMPLAINT,
        team=cast.front,
        customer=cast.customer,
    )


def answer(complaint: Case, cast: Cast) -> None:
    with time_machine.travel(paris(2026, 2, 3, 11, 0), tick=False):
        case_answer(case=complaint, actor=cast.agent, channel=Channel.EMAIL, body="No.")


def url(case: Case) -> str:
    return f"/api/cases/{case.pk}/appeal/"


def test_customer_appeals_their_answered_complaint(
    complaint: Case, cast: Cast, client_for: ClientFor
) -> None:
    answer(complaint, cast)
    with time_machine.travel(paris(2026, 2, 10, 9, 0), tick=False):
        response = client_for(cast.customer_user).post(
            url(complaint), {"channel": "letter", "body": "I disagree."}, format="json"
        )
    assert response.status_code == 201, response.json()
    appeal = Case.objects.get(pk=response.json()["id"])
    assert (appeal.kind, appeal.channel, appeal.follows_id) == ("appeal", "web", complaint.pk)


def test_too_early_is_a_409_with_the_date(
    complaint: Case, cast: Cast, client_for: ClientFor
) -> None:
    with time_machine.travel(paris(2026, 2, 10, 9, 0), tick=False):
        response = client_for(cast.agent).post(
            url(complaint), {"channel": "letter", "body": "I disagree."}, format="json"
        )
    assert response.status_code == 409
    assert response.json()["code"] == "appeal_too_early"
    assert "March 1, 2026" in response.json()["detail"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("other_customer_user", 404), ("auditor", 403), ("other_agent", 404), ("agent", 201)],
)
def test_who_may_appeal(
    role: str, expected: int, complaint: Case, cast: Cast, client_for: ClientFor
) -> None:
    answer(complaint, cast)
    response = client_for(cast.by_role_name(role)).post(
        url(complaint), {"channel": "letter", "body": "I disagree."}, format="json"
    )
    assert response.status_code == expected, response.json()


def test_answer_endpoint_refuses_the_level_one_agent_and_appends_the_notice(
    complaint: Case, cast: Cast, client_for: ClientFor
) -> None:
    # given an appeal, and the complaint's answerer and another agent in the appeals team
    answer(complaint, cast)
    created = client_for(cast.agent).post(
        url(complaint), {"channel": "letter", "body": "I disagree."}, format="json"
    )
    appeal = Case.objects.get(pk=created.json()["id"])
    other = UserFactory.create(username="appeals-agent", role=Role.AGENT)
    appeal.team.members.add(cast.agent, other)
    body = {"channel": "letter", "body": "We maintain our answer."}
    # when the complaint's answerer answers: 403, saying why
    refused = client_for(cast.agent).post(f"/api/cases/{appeal.pk}/answer/", body, format="json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "appeal_level_one_answerer"
    assert complaint.reference in refused.json()["detail"]
    # and assigning them is refused too
    assign = client_for(cast.agent).post(
        f"/api/cases/{appeal.pk}/hand-off/",
        {"note": "For the appeals agent.", "to_assignee": "agent"},
        format="json",
    )
    assert assign.status_code == 403
    assert assign.json()["code"] == "appeal_level_one_answerer"
    # when another agent answers: the notice is appended and recorded
    done = client_for(other).post(f"/api/cases/{appeal.pk}/answer/", body, format="json")
    assert done.status_code == 200, done.json()
    event = appeal.events.get(kind=EventKind.ANSWERED)
    assert "Gentilly" in event.body
    assert event.data["mediator_notice"] in event.body
