"""Closing a month from the dashboard: close (queued, run by the worker), reopen, compare.

March 2026 has three requests answered in time and one late (T3.1-a: 3/4); the pages
are read on 15 April 2026, so March is over and April is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from pacte.cases.services import case_answer
from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.compliance.closing import month_close
from pacte.compliance.models import ClosingEvent, ClosingStatus, MonthClosing
from pacte.compliance.publication import TASK_PATH
from pacte.conftest import Cast
from pacte.core.vocabulary import Channel
from pacte.factories import open_case
from pacte.workspace.tests.compliance.test_compliance import NOW, RECEIVED, build_march
from pacte.workspace.tests.conftest import ROLES, client_for, login

pytestmark = pytest.mark.django_db

MARCH = "scheme=telecom-2004&month=2026-03"
DASHBOARD = f"/compliance/?{MARCH}"
READERS = ("supervisor", "auditor", "administrator")  # read the dashboard, may not close
OUTSIDERS = ("agent", "other_agent", "customer_user", "other_customer_user", "distributor_user")


@pytest.fixture
def april() -> Iterator[datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


def telecom() -> SchemeVersion:
    return SchemeVersion.objects.select_related("scheme").get(
        scheme__code="telecom-2004", status=VersionStatus.ACTIVE
    )


def close_march(cast: Cast) -> MonthClosing:
    with translation.override(settings.LANGUAGE_CODE):  # as the worker closes
        return month_close(
            scheme_version=telecom(), year=2026, month=3, actor=cast.quality_manager, now=NOW
        )


def messages_of(response: object) -> list[str]:
    return [str(message) for message in response.context["messages"]]  # type: ignore[attr-defined]


def en(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


# -- the panel ---------------------------------------------------------------------------


def test_panel_offers_the_quality_manager_to_close_an_ended_month(
    client: Client, cast: Cast, april: datetime
) -> None:
    response = en(login(client, cast.quality_manager)).get(DASHBOARD)
    content = response.content.decode()
    assert "Open: this month has not been closed." in content
    assert "Close the month" in content
    assert reverse("workspace:closing_confirm") in content


@pytest.mark.parametrize("role", READERS)
def test_panel_shows_no_close_button_to_readers(
    role: str, client: Client, cast: Cast, april: datetime
) -> None:
    response = en(client_for(client, cast, role)).get(DASHBOARD)
    assert "Open: this month has not been closed." in response.content.decode()
    assert "Close the month" not in response.content.decode()


def test_panel_does_not_offer_to_close_the_current_month(
    client: Client, cast: Cast, april: datetime
) -> None:
    response = en(login(client, cast.quality_manager)).get("/compliance/?month=2026-04")
    content = response.content.decode()
    assert reverse("workspace:closing_confirm") not in content
    assert "once it is over" in content


def test_panel_shows_the_seal_and_history_of_a_closed_month(
    client: Client, cast: Cast, april: datetime
) -> None:
    build_march(cast, passed=3, failed=1)
    closing = close_march(cast)
    response = en(login(client, cast.supervisor)).get(DASHBOARD)
    content = response.content.decode()
    assert "Closed on" in content
    assert closing.seal in content
    assert "none (first closed month)" in content
    assert "4 verdicts frozen" in content
    assert "Recompute and compare" in content
    assert "Reopen the month" not in content  # the supervisor may not reopen


def test_panel_is_in_french_by_default(client: Client, cast: Cast, april: datetime) -> None:
    close_march(cast)
    content = login(client, cast.quality_manager).get(DASHBOARD).content.decode()
    assert "Clôture du mois" in content
    assert "Rouvrir" in content


# -- closing -----------------------------------------------------------------------------


def test_confirmation_step_before_closing(client: Client, cast: Cast, april: datetime) -> None:
    response = en(login(client, cast.quality_manager)).get(
        f"{reverse('workspace:closing_confirm')}?{MARCH}"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Close 2026-03 for telecom-2004?" in content
    assert 'name="month" value="2026-03"' in content
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


@pytest.mark.parametrize("role", READERS)
def test_readers_are_told_they_may_not_close(
    role: str, client: Client, cast: Cast, april: datetime
) -> None:
    user_client = en(client_for(client, cast, role))
    confirm = user_client.get(f"{reverse('workspace:closing_confirm')}?{MARCH}", follow=True)
    post = user_client.post(
        reverse("workspace:closing_close"),
        {"scheme": "telecom-2004", "month": "2026-03"},
        follow=True,
    )
    for response in (confirm, post):
        assert response.status_code == 200
        assert "Only a quality manager may close or reopen a month." in messages_of(response)
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()
    assert not MonthClosing.objects.exists()


@pytest.mark.parametrize("role", [*OUTSIDERS, None])
def test_outsiders_cannot_reach_the_closing_pages(
    role: str | None, client: Client, cast: Cast, april: datetime
) -> None:
    closing = close_march(cast)
    user_client = client_for(client, cast, role)
    responses = [
        user_client.get(f"{reverse('workspace:closing_confirm')}?{MARCH}"),
        user_client.post(
            reverse("workspace:closing_close"), {"scheme": "telecom-2004", "month": "2026-02"}
        ),
        user_client.post(reverse("workspace:closing_reopen", args=[closing.pk]), {"reason": "x"}),
        user_client.post(reverse("workspace:closing_compare", args=[closing.pk])),
    ]
    expected = 302 if role is None else 403
    assert [response.status_code for response in responses] == [expected] * 4
    if role is None:
        assert all(r["Location"].startswith("/login/") for r in responses)
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()
    closing.refresh_from_db()
    assert closing.status == ClosingStatus.CLOSED
    assert list(ClosingEvent.objects.values_list("kind", flat=True)) == ["closed"]


def test_closing_a_month_not_over_is_a_message(client: Client, cast: Cast, april: datetime) -> None:
    response = en(login(client, cast.quality_manager)).post(
        reverse("workspace:closing_close"),
        {"scheme": "telecom-2004", "month": "2026-04"},
        follow=True,
    )
    assert response.status_code == 200
    assert messages_of(response) == ["This month has not ended yet; it cannot be closed."]
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def test_closing_a_closed_month_again_is_a_message(
    client: Client, cast: Cast, april: datetime
) -> None:
    close_march(cast)
    response = en(login(client, cast.quality_manager)).post(
        reverse("workspace:closing_close"),
        {"scheme": "telecom-2004", "month": "2026-03"},
        follow=True,
    )
    assert messages_of(response) == ["This month is already closed."]
    assert MonthClosing.objects.count() == 1
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def test_bad_month_or_scheme_in_the_close_form_is_a_404(
    client: Client, cast: Cast, april: datetime
) -> None:
    user_client = login(client, cast.quality_manager)
    url = reverse("workspace:closing_close")
    assert user_client.post(url, {"scheme": "telecom-2004", "month": "2026-13"}).status_code == 404
    assert user_client.post(url, {"scheme": "nope", "month": "2026-03"}).status_code == 404
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


def test_unknown_task_is_a_404(client: Client, cast: Cast, april: datetime) -> None:
    user_client = login(client, cast.quality_manager)
    assert user_client.get("/compliance/closings/tasks/not-a-uuid/").status_code == 404
    missing = "/compliance/closings/tasks/00000000-0000-0000-0000-000000000000/"
    assert user_client.get(missing).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_closing_is_queued_polled_and_run_by_the_worker(client: Client, cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        build_march(cast, passed=3, failed=1)
        user_client = en(login(client, cast.quality_manager))
        # When the quality manager confirms the closing
        response = user_client.post(
            reverse("workspace:closing_close"),
            {"scheme": "telecom-2004", "month": "2026-03"},
            follow=True,
        )
        # Then a job is queued and the dashboard polls it
        assert "Closing queued; the figures are being frozen and sealed." in messages_of(response)
        task = DBTaskResult.objects.get(task_path=TASK_PATH)
        content = response.content.decode()
        poll_url = reverse("workspace:closing_task", args=[task.id])
        assert f'hx-get="{poll_url}"' in content
        assert "waiting for the worker" in content
        assert "Close the month" not in content  # not twice while queued
        poll = user_client.get(poll_url, HTTP_HX_REQUEST="true")
        assert poll.status_code == 200
        assert "waiting for the worker" in poll.content.decode()
        assert "HX-Refresh" not in poll
        again = user_client.post(
            reverse("workspace:closing_close"),
            {"scheme": "telecom-2004", "month": "2026-03"},
            follow=True,
        )
        assert messages_of(again)[-1] == ("This month is being closed; wait for the job to finish.")
        assert DBTaskResult.objects.count() == 1

        # When the worker runs it
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

        # Then the poll reloads the page, which shows the seal
        poll = user_client.get(poll_url, HTTP_HX_REQUEST="true")
        assert poll["HX-Refresh"] == "true"
        closing = MonthClosing.objects.get()
        assert closing.closed_by == cast.quality_manager
        assert closing.status == ClosingStatus.CLOSED
        page = user_client.get(DASHBOARD)
        assert "Month closed and sealed." in messages_of(page)
        assert closing.seal in page.content.decode()
        assert (
            "hx-get" not in page.content.decode().split("closing-panel")[1].split("</section>")[0]
        )
        # Without htmx the job's page says where it stands
        plain = user_client.get(poll_url)
        assert "Month closed and sealed." in plain.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_closing_refused_in_the_worker_is_reported(client: Client, cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        user_client = en(login(client, cast.quality_manager))
        user_client.post(
            reverse("workspace:closing_close"), {"scheme": "telecom-2004", "month": "2026-03"}
        )
        # Meanwhile the month got closed by another way (the command, another tab)
        close_march(cast)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        task = DBTaskResult.objects.get(task_path=TASK_PATH)
        poll = user_client.get(
            reverse("workspace:closing_task", args=[task.id]), HTTP_HX_REQUEST="true"
        )
        assert poll["HX-Refresh"] == "true"
        page = user_client.get(DASHBOARD)
        assert messages_of(page)[-1] == "This month is already closed."
        assert MonthClosing.objects.count() == 1


# -- reopening ---------------------------------------------------------------------------


def test_quality_manager_reopens_with_a_reason(client: Client, cast: Cast, april: datetime) -> None:
    closing = close_march(cast)
    response = en(login(client, cast.quality_manager)).post(
        reverse("workspace:closing_reopen", args=[closing.pk]),
        {"reason": "Late answers were recorded after the closing."},
        follow=True,
    )
    assert messages_of(response) == ["Month reopened. Its snapshot is kept as it was."]
    closing.refresh_from_db()
    assert closing.status == ClosingStatus.REOPENED
    content = response.content.decode()
    assert "Reopened: closed on" in content
    assert "Late answers were recorded after the closing." in content  # in the history
    assert "Close the month" in content  # it may be closed again


def test_reopening_without_a_reason_is_a_form_error(
    client: Client, cast: Cast, april: datetime
) -> None:
    closing = close_march(cast)
    response = en(login(client, cast.quality_manager)).post(
        reverse("workspace:closing_reopen", args=[closing.pk]), {"reason": "   "}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert "This field is required." in response.content.decode()
    closing.refresh_from_db()
    assert closing.status == ClosingStatus.CLOSED
    assert not ClosingEvent.objects.filter(kind="reopened").exists()


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_reopen(role: str, client: Client, cast: Cast, april: datetime) -> None:
    closing = close_march(cast)
    response = en(client_for(client, cast, role)).post(
        reverse("workspace:closing_reopen", args=[closing.pk]), {"reason": "Because."}, follow=True
    )
    assert messages_of(response) == ["Only a quality manager may close or reopen a month."]
    closing.refresh_from_db()
    assert closing.status == ClosingStatus.CLOSED


def test_reopening_twice_is_a_message(client: Client, cast: Cast, april: datetime) -> None:
    closing = close_march(cast)
    user_client = en(login(client, cast.quality_manager))
    url = reverse("workspace:closing_reopen", args=[closing.pk])
    user_client.post(url, {"reason": "First."})
    response = user_client.post(url, {"reason": "Second."}, follow=True)
    assert messages_of(response)[-1] == "This closing is not closed; nothing to reopen."
    assert ClosingEvent.objects.filter(kind="reopened").count() == 1


def test_reopening_an_unknown_closing_is_a_404(client: Client, cast: Cast, april: datetime) -> None:
    response = login(client, cast.quality_manager).post(
        reverse("workspace:closing_reopen", args=[999]), {"reason": "x"}
    )
    assert response.status_code == 404


# -- comparing ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["supervisor", "quality_manager", "auditor", "administrator"])
def test_compare_shows_figures_and_verdicts_that_changed(
    role: str, client: Client, cast: Cast, april: datetime
) -> None:
    # Given March closed with one request still open past its deadline (a fail)
    build_march(cast, passed=1, failed=0)
    with time_machine.travel(RECEIVED, tick=False):
        late = open_case(received_at=RECEIVED, team=cast.front)
    closing = close_march(cast)
    sealed_results, seal = closing.results, closing.seal
    # And an answer recorded afterwards for the open request (still late: still a fail,
    # but its reason changes)
    case_answer(case=late, actor=cast.agent, channel=Channel.EMAIL, body="Sorry.", at=NOW)
    # When a reader recomputes and compares
    response = en(client_for(client, cast, role)).post(
        reverse("workspace:closing_compare", args=[closing.pk])
    )
    # Then the verdict change is listed, the snapshot unchanged
    assert response.status_code == 200
    content = response.content.decode()
    assert "sealed snapshot against now" in content
    assert "Still unanswered once the deadline in force had passed." in content
    assert "Answered after the deadline in force." in content
    assert "unanswered_past_deadline" not in content  # labels, not codes
    closing.refresh_from_db()
    assert (closing.results, closing.seal) == (sealed_results, seal)
    assert ClosingEvent.objects.filter(kind="compared").count() == 1


def test_compare_without_change_says_so(client: Client, cast: Cast, april: datetime) -> None:
    build_march(cast, passed=2, failed=1)
    closing = close_march(cast)
    response = en(login(client, cast.auditor)).post(
        reverse("workspace:closing_compare", args=[closing.pk])
    )
    assert "No difference: the figures and every verdict are as sealed." in (
        response.content.decode()
    )


def test_every_role_sees_the_dashboard_panel_or_nothing(
    client: Client, cast: Cast, april: datetime
) -> None:
    for role in ROLES:
        client.logout()
        response = client_for(client, cast, role).get(DASHBOARD)
        allowed = role in ("supervisor", "quality_manager", "auditor", "administrator")
        assert response.status_code == (200 if allowed else 403), role
        if allowed:
            assert 'id="closing-panel"' in response.content.decode()
