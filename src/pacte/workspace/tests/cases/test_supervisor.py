"""The supervisor's view: each team's load, counted in the database."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from pacte.cases.selectors import team_load
from pacte.cases.services import case_assign, case_close
from pacte.conftest import PARIS, Cast
from pacte.core import clock
from pacte.core.vocabulary import Channel
from pacte.factories import open_case
from pacte.workspace.common.presenters import CalendarSpecs
from pacte.workspace.tests.conftest import Cases, login, open_operation

pytestmark = pytest.mark.django_db


@pytest.fixture
def load(cast: Cast, cases: Cases) -> None:
    """Front: due Wednesday (cases.front), due today, breached, no deadline, one closed."""
    open_case(
        received_at=datetime(2026, 3, 10, 9, tzinfo=PARIS), team=cast.front, channel=Channel.PHONE
    )
    breached = open_case(received_at=datetime(2026, 3, 5, 9, tzinfo=PARIS), team=cast.front)
    case_assign(case=breached, assignee=cast.agent, actor=cast.supervisor)
    open_operation(cast)
    closed = open_case(received_at=datetime(2026, 3, 10, 8, tzinfo=PARIS), team=cast.front)
    case_close(case=closed, actor=cast.agent)


def test_team_load_counts_each_bucket(cast: Cast, load: None) -> None:
    teams = {team.code: team for team in team_load(now=clock.now(), specs=CalendarSpecs())}
    front = teams["front"]
    assert front.open_count == 4  # type: ignore[attr-defined]
    assert front.breached_count == 1  # type: ignore[attr-defined]
    assert front.due_today_count == 1  # type: ignore[attr-defined]
    assert front.due_soon_count == 2  # type: ignore[attr-defined]
    assert front.unassigned_count == 3  # type: ignore[attr-defined]
    back = teams["back"]
    assert (back.open_count, back.breached_count, back.due_soon_count) == (1, 0, 0)  # type: ignore[attr-defined]


def test_team_load_is_one_grouped_query_after_the_calendars(
    cast: Cast, load: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    specs = CalendarSpecs()
    team_load(now=clock.now(), specs=specs)  # read the calendars once
    with django_assert_max_num_queries(2):
        team_load(now=clock.now(), specs=specs)


def test_supervisor_page_links_each_team_queue(client: Client, cast: Cast, load: None) -> None:
    response = login(client, cast.supervisor).get(
        reverse("workspace:supervisor"), HTTP_ACCEPT_LANGUAGE="en"
    )
    content = response.content.decode()
    assert reverse("workspace:queue") + "?team=front" in content
    assert reverse("workspace:queue") + "?team=back" in content
    assert "Due within 1 business day" in content
    assert 'class="breached-count breached">1<' in content


def test_no_team_no_rows(client: Client, frozen_now: datetime) -> None:
    assert team_load(now=clock.now(), specs=CalendarSpecs()) == []
