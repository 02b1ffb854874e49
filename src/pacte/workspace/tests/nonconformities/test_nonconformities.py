"""Non-conformity pages: list, detail and its forms, raise form, dashboard panel; by role.

March 2026 has one email request in three answered in time (T3.1-a at 33.33 %, target
95 %); the pages are read on 2 April 2026.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from pacte.conftest import Cast, paris
from pacte.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    NonConformity,
    NonConformityEvent,
    Status,
)
from pacte.nonconformities.raising import nonconformity_raise_audit_finding
from pacte.nonconformities.services import corrective_action_complete
from pacte.nonconformities.tests.conftest import (
    AFTER_APRIL,
    AFTER_MARCH,
    INDICATOR,
    build_month,
    planned,
    raise_march,
)
from pacte.workspace.tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

READERS = ("supervisor", "quality_manager", "auditor", "administrator")
LIST = "/nonconformities/"
PANEL = "/nonconformities/panel/?scheme=telecom-2004&month=2026-03"


@pytest.fixture
def april() -> Iterator[datetime]:
    with time_machine.travel(AFTER_MARCH, tick=False):
        yield AFTER_MARCH


@pytest.fixture
def version(db: None):
    from pacte.compliance.tests.conftest import telecom_version

    return telecom_version()


@pytest.fixture
def march(cast: Cast, version) -> NonConformity:
    build_month(cast, 3, passed=1, failed=2)
    return raise_march(cast, version)


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize("role", [*ROLES, None])
def test_list_by_role(client: Client, cast: Cast, role, march, april):
    response = client_for(client, cast, role).get(LIST)
    if role is None:
        assert response.status_code == 302
    elif role in READERS:
        assert response.status_code == 200
        assert b"NC-2026-0001" in response.content
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", [*ROLES, None])
def test_detail_by_role(client: Client, cast: Cast, role, march, april):
    response = client_for(client, cast, role).get(f"/nonconformities/{march.pk}/")
    expected = 302 if role is None else 200 if role in READERS else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", [*ROLES, None])
def test_panel_by_role(client: Client, cast: Cast, role, march, april):
    response = client_for(client, cast, role).get(PANEL)
    expected = 302 if role is None else 200 if role in READERS else 403
    assert response.status_code == expected


def test_list_runs_a_fixed_number_of_queries(
    client: Client, cast: Cast, version, april, django_assert_max_num_queries
):
    build_month(cast, 3, passed=1, failed=2)
    raise_march(cast, version)
    client.force_login(cast.auditor)

    def count_queries() -> int:
        with django_assert_max_num_queries(10) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    few = count_queries()
    for number in range(6):
        finding = nonconformity_raise_audit_finding(
            scheme_version=version,
            commitment_code="T3.3",
            year=2026,
            month=3,
            title=f"Finding {number}",
            description="Seen in the sample.",
            actor=cast.auditor,
            now=AFTER_MARCH,
        )
        planned(cast, finding, due_on=date(2026, 4, 2 + number))
    assert count_queries() == few


def test_list_filters_by_status_and_overdue(client: Client, cast: Cast, march, april):
    planned(cast, march, due_on=date(2026, 4, 10))
    client.force_login(cast.quality_manager)
    assert b"NC-2026-0001" in client.get(LIST + "?status=action_planned").content
    assert b"NC-2026-0001" not in client.get(LIST + "?status=closed").content
    assert b"NC-2026-0001" not in client.get(LIST + "?overdue=on").content
    with time_machine.travel(paris(2026, 4, 21, 9), tick=False):
        client.force_login(cast.quality_manager)
        assert b"NC-2026-0001" in client.get(LIST + "?overdue=on").content
    # a filter that makes no sense is ignored, not a 500
    assert client.get(LIST + "?status=bogus&scheme=nope").status_code == 200


def test_panel_lists_the_month_and_the_missed_targets(client: Client, cast: Cast, version, april):
    build_month(cast, 3, passed=1, failed=2)
    client.force_login(cast.quality_manager)
    before = client.get(PANEL).content.decode()
    assert f'data-indicator="{INDICATOR}"' in before
    assert 'value="missed_target"' in before  # the quality manager's "raise" button
    # when the quality manager presses it
    response = client.post(
        "/nonconformities/raise/",
        {
            "source": "missed_target",
            "scheme": "telecom-2004",
            "month": "2026-03",
            "indicator": INDICATOR,
        },
    )
    nonconformity = NonConformity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/nonconformities/{nonconformity.pk}/"
    after = client.get(PANEL).content.decode()
    assert 'data-reference="NC-2026-0001"' in after
    assert f'data-indicator="{INDICATOR}"' not in after


def test_panel_has_no_raise_button_for_the_auditor(client: Client, cast: Cast, version, april):
    build_month(cast, 3, passed=1, failed=2)
    client.force_login(cast.auditor)
    content = client.get(PANEL).content.decode()
    assert f'data-indicator="{INDICATOR}"' in content
    assert 'value="missed_target"' not in content


def test_dashboard_loads_the_panel_with_htmx(client: Client, cast: Cast, version, april):
    client.force_login(cast.supervisor)
    content = client.get("/compliance/?scheme=telecom-2004&month=2026-03").content.decode()
    assert 'hx-get="/nonconformities/panel/?scheme=telecom-2004&amp;month=2026-03"' in content
    assert 'hx-trigger="load"' in content


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("quality_manager", 200),
        ("auditor", 200),
        ("supervisor", 403),
        ("administrator", 403),
        ("agent", 403),
        ("customer_user", 403),
    ],
)
def test_raise_form_by_role(client: Client, cast: Cast, role, expected, april):
    response = client_for(client, cast, role).get("/nonconformities/raise/")
    assert response.status_code == expected


def test_raise_form_shows_errors_and_changes_nothing(client: Client, cast: Cast, version, april):
    build_month(cast, 3, passed=1, failed=2)
    english(client).force_login(cast.quality_manager)
    missing = client.post(
        "/nonconformities/raise/",
        {"source": "audit_finding", "scheme": "telecom-2004", "month": "2026-3"},
    )
    content = missing.content.decode()
    assert missing.status_code == 200
    assert "Give a month as YYYY-MM." in content
    assert "Required for this source." in content
    raise_march(cast, version)
    twice = client.post(
        "/nonconformities/raise/",
        {
            "source": "missed_target",
            "scheme": "telecom-2004",
            "month": "2026-03",
            "indicator": INDICATOR,
        },
    )
    assert "A non-conformity already covers this indicator for this month: NC-" in (
        twice.content.decode()
    )
    assert NonConformity.objects.count() == 1


def test_auditor_may_only_raise_audit_findings(client: Client, cast: Cast, version, april):
    build_month(cast, 3, passed=1, failed=2)
    client.force_login(cast.auditor)
    response = client.post(
        "/nonconformities/raise/",
        {
            "source": "missed_target",
            "scheme": "telecom-2004",
            "month": "2026-03",
            "indicator": INDICATOR,
        },
    )
    assert response.status_code == 200  # "missed_target" is not a choice for them
    assert not NonConformity.objects.exists()
    response = client.post(
        "/nonconformities/raise/",
        {
            "source": "audit_finding",
            "scheme": "telecom-2004",
            "month": "2026-03",
            "commitment": "T3.3",
            "title": "Short notes",
            "description": "One-word notes.",
        },
    )
    assert response.status_code == 302
    assert NonConformity.objects.get().raised_by == cast.auditor


def test_quality_manager_walks_the_lifecycle_through_the_forms(
    client: Client, cast: Cast, march, april
):
    english(client).force_login(cast.quality_manager)
    url = f"/nonconformities/{march.pk}/"
    page = client.get(url).content.decode()
    assert 'id="step-cause"' in page
    assert 'id="step-plan"' not in page
    assert client.post(url + "cause/", {"cause": "Short-staffed."}).status_code == 302
    response = client.post(
        url + "plan/",
        {
            "description": "Hire two agents.",
            "owner": cast.supervisor.pk,
            "due_on": "2026-04-20",
            "check_month": "2026-04",
        },
    )
    assert response.status_code == 302
    action = CorrectiveAction.objects.get()
    # the supervisor who owns it marks it done
    supervisor = Client()
    supervisor.force_login(cast.supervisor)
    assert 'class="complete-form"' in supervisor.get(url).content.decode()
    done = supervisor.post(url + "complete/", {"action": action.pk, "note": "Hired."})
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    # the check is refused while April is not over, shown on the form
    early = client.post(url + "check/", {})
    assert "The check month is not over yet." in early.content.decode()
    build_month(cast, 4, passed=2, failed=0)
    with time_machine.travel(AFTER_APRIL, tick=False):
        client.force_login(cast.quality_manager)  # a month later, the session has expired
        assert client.post(url + "check/", {})["Location"] == url
        assert client.post(url + "close/", {"note": "Back on target."})["Location"] == url
        page = client.get(url).content.decode()
    march.refresh_from_db()
    assert march.status == Status.CLOSED
    assert 'data-check="2026-04"' in page
    assert page.count("data-kind=") == 6


def test_plan_form_errors_are_shown(client: Client, cast: Cast, march, april):
    english(client).force_login(cast.quality_manager)
    url = f"/nonconformities/{march.pk}/"
    client.post(url + "cause/", {"cause": "Short-staffed."})
    response = client.post(
        url + "plan/",
        {
            "description": "",
            "owner": cast.agent.pk,
            "due_on": "2026-04-20",
            "check_month": "2026-03",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in content
    assert "Select a valid choice." in content  # an agent cannot own an action
    response = client.post(
        url + "plan/",
        {
            "description": "Hire.",
            "owner": cast.supervisor.pk,
            "due_on": "2026-04-20",
            "check_month": "2026-03",
        },
    )
    with translation.override("en"):
        assert "The check month must be after the non-conformity" in response.content.decode()
    assert not CorrectiveAction.objects.exists()


@pytest.mark.parametrize("role", ["auditor", "administrator", "supervisor"])
@pytest.mark.parametrize("step", ["cause", "plan", "check", "close"])
def test_readers_may_not_post_quality_manager_steps(
    client: Client, cast: Cast, role, step, march, april
):
    before = NonConformityEvent.objects.count()
    response = client_for(client, cast, role).post(
        f"/nonconformities/{march.pk}/{step}/", {"cause": "x"}
    )
    assert response.status_code == 403
    assert NonConformityEvent.objects.count() == before


@pytest.mark.parametrize("role", ["agent", "customer_user", "distributor_user"])
def test_outsiders_get_403_on_posts_and_change_nothing(
    client: Client, cast: Cast, role, march, april
):
    action = planned(cast, march)
    before = NonConformityEvent.objects.count()
    poster = client_for(client, cast, role)
    assert (
        poster.post(f"/nonconformities/{march.pk}/complete/", {"action": action.pk}).status_code
        == 403
    )
    assert poster.post("/nonconformities/raise/", {"source": "audit_finding"}).status_code == 403
    assert NonConformityEvent.objects.count() == before


def test_auditor_may_not_complete_an_action(client: Client, cast: Cast, march, april):
    action = planned(cast, march)
    client.force_login(cast.auditor)
    response = client.post(f"/nonconformities/{march.pk}/complete/", {"action": action.pk})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED


def test_unknown_step_and_unknown_nonconformity_are_404(client: Client, cast: Cast, march, april):
    client.force_login(cast.quality_manager)
    assert client.post(f"/nonconformities/{march.pk}/bogus/").status_code == 404
    assert client.get("/nonconformities/999/").status_code == 404


def test_completion_of_a_done_action_shows_the_refusal(client: Client, cast: Cast, march, april):
    action = planned(cast, march)
    corrective_action_complete(action=action, actor=cast.supervisor, now=AFTER_MARCH)
    english(client).force_login(cast.quality_manager)
    response = client.post(f"/nonconformities/{march.pk}/complete/", {"action": action.pk})
    assert response.status_code == 200
    assert "This action is not planned any more." in response.content.decode()


def test_pages_are_in_french_by_default(client: Client, cast: Cast, march, april):
    client.force_login(cast.quality_manager)
    content = client.get(f"/nonconformities/{march.pk}/").content.decode()
    assert '<html lang="fr">' in content


def test_quality_manager_cancels_an_action_with_a_reason(client: Client, cast: Cast, march, april):
    action = planned(cast, march)
    english(client).force_login(cast.quality_manager)
    url = f"/nonconformities/{march.pk}/"
    assert 'class="cancel-form"' in client.get(url).content.decode()
    empty = client.post(url + "cancel/", {"action": action.pk, "reason": ""})
    assert "This field is required." in empty.content.decode()
    assert (
        client.post(url + "cancel/", {"action": action.pk, "reason": "Wrong owner."})["Location"]
        == url
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.CANCELLED


def test_supervisor_may_not_cancel_an_action(client: Client, cast: Cast, march, april):
    action = planned(cast, march)
    client.force_login(cast.supervisor)
    assert 'class="cancel-form"' not in client.get(f"/nonconformities/{march.pk}/").content.decode()
    response = client.post(
        f"/nonconformities/{march.pk}/cancel/", {"action": action.pk, "reason": "No."}
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
