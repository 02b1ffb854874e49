"""The case pages for every role: who reads, who writes, who gets a 404 or a 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pacte.cases.models import CaseEvent, EventKind
from pacte.conftest import Cast
from pacte.workspace.tests.conftest import (
    NON_STAFF,
    READERS,
    ROLES,
    WRITERS,
    Cases,
    client_for,
    event_count,
)

pytestmark = pytest.mark.django_db
STAFF = tuple(role for role in ROLES if role not in NON_STAFF)


def _login_redirect(response: object) -> bool:
    location = getattr(response, "url", "")
    return bool(location.startswith(reverse("login")) and "next=" in location)


@pytest.mark.parametrize(
    "url_name", ["workspace:home", "workspace:queue", "workspace:supervisor", "workspace:my_cases"]
)
def test_anonymous_is_sent_to_login(client: Client, url_name: str) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert _login_redirect(response)


def test_anonymous_is_sent_to_login_from_a_case_and_changes_nothing(
    client: Client, cases: Cases
) -> None:
    before = event_count(cases.front)
    page = client.get(reverse("workspace:case", args=[cases.front.pk]))
    post = client.post(
        reverse("workspace:case_act", args=[cases.front.pk, "note"]), {"note-body": "Hello there"}
    )
    assert page.status_code == post.status_code == 302
    assert _login_redirect(page)
    assert _login_redirect(post)
    assert event_count(cases.front) == before


@pytest.mark.parametrize(
    ("role", "target"),
    [(role, "workspace:queue") for role in STAFF]
    + [(role, "workspace:my_cases") for role in NON_STAFF],
)
def test_home_sends_each_role_to_its_page(
    client: Client, cast: Cast, role: str, target: str
) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:home"))
    assert response.status_code == 302
    assert response.url == reverse(target)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("role", "status", "sees_front", "sees_back"),
    [
        ("agent", 200, True, False),
        ("other_agent", 200, False, True),
        ("supervisor", 200, True, True),
        ("quality_manager", 200, True, True),
        ("auditor", 200, True, True),
        ("administrator", 200, True, True),
        ("customer_user", 403, False, False),
        ("other_customer_user", 403, False, False),
        ("distributor_user", 403, False, False),
    ],
)
def test_queue_by_role(
    client: Client,
    cast: Cast,
    cases: Cases,
    role: str,
    status: int,
    sees_front: bool,
    sees_back: bool,
) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:queue"))
    assert response.status_code == status
    content = response.content.decode()
    assert (cases.front.reference in content) == sees_front
    assert (cases.back.reference in content) == sees_back


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("agent", 403),
        ("other_agent", 403),
        ("supervisor", 200),
        ("quality_manager", 200),
        ("auditor", 200),
        ("administrator", 200),
        ("customer_user", 403),
        ("other_customer_user", 403),
        ("distributor_user", 403),
    ],
)
def test_supervisor_view_by_role(
    client: Client, cast: Cast, cases: Cases, role: str, status: int
) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:supervisor"))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status", "forms"),
    [
        ("agent", 200, True),
        ("other_agent", 404, False),
        ("supervisor", 200, True),
        ("quality_manager", 200, False),
        ("auditor", 200, False),
        ("administrator", 200, True),
        ("customer_user", 403, False),  # their own case, but customers have no workspace
        ("other_customer_user", 403, False),
        ("distributor_user", 403, False),
    ],
)
def test_case_page_by_role(
    client: Client, cast: Cast, cases: Cases, role: str, status: int, forms: bool
) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:case", args=[cases.front.pk]))
    assert response.status_code == status
    content = response.content.decode()
    hand_off = reverse("workspace:case_act", args=[cases.front.pk, "hand-off"])
    assert (hand_off in content) == forms
    if status == 200:
        assert cases.front.reference in content


@pytest.mark.parametrize(
    ("role", "status"),
    [(role, 302) for role in WRITERS]
    + [(role, 403) for role in READERS]
    + [(role, 403) for role in NON_STAFF]
    + [("other_agent", 404)],
)
def test_note_post_by_role(
    client: Client, cast: Cast, cases: Cases, role: str, status: int
) -> None:
    # Given the front team's case
    before = event_count(cases.front)
    # When each role posts a note to it
    response = client_for(client, cast, role).post(
        reverse("workspace:case_act", args=[cases.front.pk, "note"]),
        {"note-body": "Called the customer back."},
    )
    # Then writers record a note; readers get a 403, outsiders a 404, and nothing changes
    assert response.status_code == status
    if status == 302:
        event = CaseEvent.objects.filter(case=cases.front).latest("pk")
        assert event.kind == EventKind.NOTE
        assert event.actor == cast.by_role_name(role)
        assert event_count(cases.front) == before + 1
    else:
        assert event_count(cases.front) == before


@pytest.mark.parametrize("role", [*NON_STAFF, "other_agent", *READERS])
@pytest.mark.parametrize("action", ["answer", "hand-off", "deadline", "close", "assign"])
def test_outsiders_and_readers_change_nothing(
    client: Client, cast: Cast, cases: Cases, role: str, action: str
) -> None:
    before = event_count(cases.front)
    response = client_for(client, cast, role).post(
        reverse("workspace:case_act", args=[cases.front.pk, action]),
        {
            "answer-channel": "email",
            "answer-body": "Done.",
            "hand-off-to_team": cast.back.pk,
            "hand-off-note": "Customer needs the back office.",
            "close-reason": "",
            "assign-assignee": "",
        },
    )
    assert response.status_code in (403, 404)
    assert event_count(cases.front) == before


def test_agent_may_not_reassign(client: Client, cast: Cast, cases: Cases) -> None:
    before = event_count(cases.front)
    response = client_for(client, cast, "agent").post(
        reverse("workspace:case_act", args=[cases.front.pk, "assign"]),
        {"assign-assignee": cast.agent.pk},
    )
    assert response.status_code == 403
    assert event_count(cases.front) == before


def test_unknown_action_is_a_404(client: Client, cast: Cast, cases: Cases) -> None:
    response = client_for(client, cast, "supervisor").post(
        reverse("workspace:case_act", args=[cases.front.pk, "delete"])
    )
    assert response.status_code == 404


def test_actions_refuse_get(client: Client, cast: Cast, cases: Cases) -> None:
    response = client_for(client, cast, "agent").get(
        reverse("workspace:case_act", args=[cases.front.pk, "note"])
    )
    assert response.status_code == 405


def test_missing_case_is_a_404(client: Client, cast: Cast, cases: Cases) -> None:
    response = client_for(client, cast, "supervisor").get(
        reverse("workspace:case", args=[cases.back.pk + 1000])
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_front", "sees_back"),
    [
        ("customer_user", True, False),
        ("other_customer_user", False, True),
        ("distributor_user", True, False),
    ],
)
def test_my_cases_lists_only_ones_own_cases(
    client: Client, cast: Cast, cases: Cases, role: str, sees_front: bool, sees_back: bool
) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:my_cases"))
    assert response.status_code == 200
    content = response.content.decode()
    assert (cases.front.reference in content) == sees_front
    assert (cases.back.reference in content) == sees_back
    # read-only: no form posts to a case
    assert "/cases/" not in content


@pytest.mark.parametrize("role", STAFF)
def test_my_cases_is_a_403_for_staff(client: Client, cast: Cast, role: str) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:my_cases"))
    assert response.status_code == 403
