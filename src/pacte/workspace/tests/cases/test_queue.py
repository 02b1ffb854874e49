"""The queue: most urgent first, deadlines in business days, a fixed number of queries."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, Settings

from pacte.conftest import PARIS, Cast
from pacte.core.vocabulary import Channel
from pacte.factories import UserFactory, open_case
from pacte.workspace.tests.conftest import Cases, login, open_operation

pytestmark = pytest.mark.django_db
# session, user, teams of the filter, count, page of cases (+ a cold calendar, + members)
QUEUE_QUERY_BUDGET = 8


def test_queue_is_sorted_by_time_left_with_deadlines_in_words(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # Given, besides Monday's email (due Wednesday), a phone request due today,
    # a breached one, and an operation without a deadline
    today = open_case(
        received_at=datetime(2026, 3, 10, 9, tzinfo=PARIS), team=cast.front, channel=Channel.PHONE
    )
    breached = open_case(received_at=datetime(2026, 3, 5, 9, tzinfo=PARIS), team=cast.front)
    no_deadline = open_operation(cast)
    # When the agent opens the queue in English
    response = login(client, cast.agent).get(reverse("workspace:queue"), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode().replace("\u00a0", " ")
    # Then the most urgent case comes first and each deadline is in business terms
    order = [breached, today, cases.front, no_deadline]
    positions = [content.index(case.reference) for case in order]
    assert positions == sorted(positions)
    assert 'class="deadline breached">breached 1 business day ago<' in content
    assert "due today 23:59" in content
    assert "due Wed 23:59, 1 business day left" in content
    assert "no deadline" in content


def test_queue_in_french_by_default(client: Client, cast: Cast, cases: Cases) -> None:
    content = (
        login(client, cast.agent)
        .get(reverse("workspace:queue"))
        .content.decode()
        .replace("\u00a0", " ")
    )
    assert "échéance mer. 23 h 59, 1 jour ouvré restant" in content
    assert '<html lang="fr">' in content


def test_agent_filters_on_own_teams_only(client: Client, cast: Cast, cases: Cases) -> None:
    client = login(client, cast.agent)
    front = client.get(reverse("workspace:queue") + "?team=front")
    assert front.status_code == 200
    assert cases.front.reference in front.content.decode()
    assert client.get(reverse("workspace:queue") + "?team=back").status_code == 404
    assert client.get(reverse("workspace:queue") + "?team=nope").status_code == 404


def test_supervisor_filters_any_team(client: Client, cast: Cast, cases: Cases) -> None:
    response = login(client, cast.supervisor).get(reverse("workspace:queue") + "?team=back")
    content = response.content.decode()
    assert cases.back.reference in content
    assert cases.front.reference not in content


def test_queue_is_paginated(client: Client, cast: Cast, cases: Cases, settings: Settings) -> None:
    settings.PACTE_QUEUE_PAGE_SIZE = 1
    client = login(client, cast.supervisor)
    first = client.get(reverse("workspace:queue")).content.decode()
    second = client.get(reverse("workspace:queue") + "?page=2").content.decode()
    # the letter (received earlier, 5 bd) is due after the email (2 bd)
    assert cases.front.reference in first
    assert cases.back.reference not in first
    assert cases.back.reference in second
    assert cases.front.reference not in second
    assert "?page=2" in first


def _open_cases(cast: Cast, count: int) -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=PARIS)
    for index in range(count):
        open_case(
            received_at=start + timedelta(minutes=7 * index),
            team=cast.front if index % 2 else cast.back,
            channel=(Channel.EMAIL, Channel.LETTER, Channel.PHONE)[index % 3],
        )


def _queue_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("workspace:queue"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_queue_runs_a_fixed_number_of_queries(
    client: Client,
    cast: Cast,
    frozen_now: datetime,
    settings: Settings,
    role: str,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    # Given assignees in both teams, and 5 open cases
    settings.PACTE_QUEUE_PAGE_SIZE = 100
    for team in (cast.front, cast.back):
        team.members.add(UserFactory.create(username=f"extra-{team.code}"))
    client = login(client, cast.by_role_name(role))
    _open_cases(cast, 5)
    with django_assert_max_num_queries(QUEUE_QUERY_BUDGET):
        client.get(reverse("workspace:queue"))
    with_5 = _queue_queries(client)
    # When there are 50
    _open_cases(cast, 45)
    with_50 = _queue_queries(client)
    # Then the queue costs the same number of queries
    assert with_50 == with_5 <= QUEUE_QUERY_BUDGET
