"""POST /api/cases/{id}/<action>/: writers act, readers 403, outsiders 404 (and no change)."""

from __future__ import annotations

from typing import Any

import pytest

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case, CaseEvent, CaseStatus
from pacte.cases.services import case_close
from pacte.conftest import Cast

BODIES: dict[str, dict[str, Any]] = {
    "answer": {"channel": "email", "body": "Your plan changes on the 1st."},
    "hand-off": {"note": "Billing question for the back office.", "to_team": "back"},
    "commit-deadline": {
        "new_due_at": "2026-03-31T18:00:00+02:00",
        "told_via": "phone",
        "message": "We will answer by 31 March.",
    },
    "close": {"reason": "Solved on the phone."},
    "reopen": {"reason": "The customer called back."},
}
EVENT_KINDS = {
    "answer": "answered",
    "hand-off": "handed_off",
    "commit-deadline": "deadline_committed",
    "close": "closed",
    "reopen": "reopened",
}
EXPECTED_STATUS = {
    "customer_user": 403,  # sees the case, may not change it
    "other_customer_user": 404,
    "agent": 200,
    "other_agent": 404,
    "supervisor": 200,
    "quality_manager": 403,
    "auditor": 403,
    "administrator": 200,
    "distributor_user": 404,
    None: 401,
}


def url(case: Case, action: str) -> str:
    return f"/api/cases/{case.pk}/{action}/"


@pytest.mark.parametrize("role", [*ROLES, None])
@pytest.mark.parametrize("action", list(BODIES))
def test_action_by_role(
    action: str, role: str | None, cast: Cast, client_for: ClientFor, case: Case
) -> None:
    # given (reopen needs a closed case)
    if action == "reopen":
        case_close(case=case, actor=cast.supervisor)
    before = CaseEvent.objects.count()
    # when
    response = client_for(user_or_none(cast, role)).post(
        url(case, action), BODIES[action], format="json"
    )
    # then
    assert response.status_code == EXPECTED_STATUS[role]
    if response.status_code == 200:
        assert response.json()["events"][-1]["kind"] == EVENT_KINDS[action]
        assert CaseEvent.objects.count() == before + 1
    else:
        assert set(response.json()) == {"code", "detail"}
        assert CaseEvent.objects.count() == before


def test_answer_marks_the_case_answered(cast: Cast, client_for: ClientFor, case: Case) -> None:
    response = client_for(cast.agent).post(url(case, "answer"), BODIES["answer"], format="json")

    data = response.json()
    assert data["status"] == CaseStatus.ANSWERED
    assert data["events"][-1]["body"] == BODIES["answer"]["body"]
    assert data["events"][-1]["actor"] == "agent"


def test_hand_off_shows_the_case_once_then_hides_it(
    cast: Cast, client_for: ClientFor, case: Case
) -> None:
    client = client_for(cast.agent)

    response = client.post(url(case, "hand-off"), BODIES["hand-off"], format="json")

    assert response.status_code == 200
    assert response.json()["team"] == "back"
    assert client.get(f"/api/cases/{case.pk}/").status_code == 404


def test_hand_off_to_a_member_of_the_target_team(
    cast: Cast, client_for: ClientFor, case: Case
) -> None:
    body = BODIES["hand-off"] | {"to_assignee": "other-agent"}

    response = client_for(cast.supervisor).post(url(case, "hand-off"), body, format="json")

    assert response.json()["assignee"] == "other-agent"


def test_commit_deadline_records_the_promise(cast: Cast, client_for: ClientFor, case: Case) -> None:
    response = client_for(cast.agent).post(
        url(case, "commit-deadline"), BODIES["commit-deadline"], format="json"
    )

    assert response.status_code == 200
    event = response.json()["events"][-1]
    assert (event["kind"], event["channel"]) == ("deadline_committed", "phone")
    assert event["data"]["counts"] is True


@pytest.mark.parametrize(
    ("action", "change", "status", "code"),
    [
        ("hand-off", {"note": ""}, 400, "hand_off_note_required"),
        ("hand-off", {"note": "short"}, 400, "hand_off_note_required"),
        ("hand-off", {"to_team": "front"}, 400, "hand_off_same_target"),
        ("hand-off", {"to_assignee": "agent"}, 400, "assignee_not_in_team"),
        ("hand-off", {"to_team": "nowhere"}, 400, "invalid"),
        ("hand-off", {"to_assignee": "nobody"}, 400, "invalid"),
        ("answer", {"body": ""}, 400, "invalid"),
        ("answer", {"channel": "pigeon"}, 400, "invalid"),
        ("answer", {"at": "2026-03-10T09:00:00"}, 400, "invalid"),
        ("answer", {"at": "2026-03-10T09:05:00+01:00"}, 403, "backdating_not_allowed"),
        ("answer", {"at": "0001-01-01T00:00:00Z"}, 400, "invalid"),
        ("answer", {"at": "2026-03-11T09:00:00+01:00"}, 400, "instant_in_future"),
        ("commit-deadline", {"new_due_at": "2026-03-10T09:00:00+01:00"}, 400,
         "new_deadline_not_later"),
        ("commit-deadline", {"told_at": "2026-03-11T09:00:00+01:00"}, 400, "instant_in_future"),
        ("commit-deadline", {"told_at": "2026-03-10T09:00:00+01:00"}, 403,
         "backdating_not_allowed"),
        ("commit-deadline", {"told_at": "0001-01-01T00:00:00Z"}, 400, "invalid"),
        ("commit-deadline", {"told_at": "2026-03-10T09:00:00"}, 400, "invalid"),
        ("reopen", {}, 409, "case_not_closed"),
        ("reopen", {"reason": ""}, 400, "invalid"),
    ],
)  # fmt: skip
def test_refusals_say_why_and_change_nothing(
    action: str,
    change: dict[str, Any],
    status: int,
    code: str,
    cast: Cast,
    client_for: ClientFor,
    case: Case,
) -> None:
    before = CaseEvent.objects.count()

    response = client_for(cast.supervisor).post(
        url(case, action), BODIES[action] | change, format="json"
    )

    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert CaseEvent.objects.count() == before


@pytest.mark.parametrize("action", ["answer", "hand-off", "commit-deadline", "close"])
def test_actions_on_a_closed_case_conflict(
    action: str, cast: Cast, client_for: ClientFor, case: Case
) -> None:
    case_close(case=case, actor=cast.supervisor)
    before = CaseEvent.objects.count()

    response = client_for(cast.agent).post(url(case, action), BODIES[action], format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "case_closed"
    assert CaseEvent.objects.count() == before


def test_action_on_an_unknown_case_is_a_404(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.administrator).post("/api/cases/999999/close/", {}, format="json")

    assert response.status_code == 404


def test_get_on_an_action_is_not_allowed(cast: Cast, client_for: ClientFor, case: Case) -> None:
    response = client_for(cast.agent).get(url(case, "close"))

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
