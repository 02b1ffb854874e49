"""The staffing planner page: roles, the published Erlang C example, form errors, htmx, French.

The published example (Call Centre Helper's worked Erlang C example): 100 calls per
30 minutes, an AHT of 180 s and a target of 80 % within 20 s need 14 agents, who
answer 88.8 % of calls within 20 s, with an ASA of 7.8 s and an occupancy of 71.4 %.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacte.conftest import Cast
from pacte.workspace.tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

URL = reverse("workspace:staffing")
ALLOWED = ("supervisor", "quality_manager", "auditor", "administrator")
PUBLISHED = {
    "interval_minutes": "30",
    "service_level": "80",
    "threshold_seconds": "20",
    "max_occupancy": "",
    "forecast": "08:00 100 180\n",
}
CAVEAT_FR = "Erlang C suppose que chaque appelant attend"


def as_role(client: Client, cast: Cast, role: str, language: str = "en") -> Client:
    """The client logged in as ``role``, asking for pages in ``language``."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client_for(client, cast, role)


@pytest.mark.parametrize("role", ROLES)
def test_page_is_for_the_roles_that_see_every_team(cast: Cast, client: Client, role: str) -> None:
    # given a user of each role / when they open the planner
    response = client_for(client, cast, role).get(URL)

    # then the roles that see every team get it, everyone else a 403
    assert response.status_code == (200 if role in ALLOWED else 403)


@pytest.mark.parametrize("role", ROLES)
def test_posting_a_forecast_is_refused_like_reading(cast: Cast, client: Client, role: str) -> None:
    response = client_for(client, cast, role).post(URL, PUBLISHED)

    assert response.status_code == (200 if role in ALLOWED else 403)


def test_anonymous_is_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_nav_links_to_the_planner_for_supervisors_only(cast: Cast, client: Client) -> None:
    assert URL in as_role(client, cast, "supervisor").get("/queue/").content.decode()
    client.logout()
    assert URL not in client_for(client, cast, "agent").get("/queue/").content.decode()


def test_published_example_needs_14_agents(cast: Cast, client: Client) -> None:
    # given the published example / when a supervisor plans it
    response = as_role(client, cast, "supervisor").post(URL, PUBLISHED)
    html = response.content.decode()

    # then the row shows 10 erlangs, 14 agents, 88.8 %, ASA 7.8 s, occupancy 71.4 %
    row = response.context["rows"][0]
    assert row["agents"] == 14
    assert row["service_level"] == pytest.approx(88.8, abs=0.05)
    assert row["asa"] == pytest.approx(7.8, abs=0.05)
    assert row["occupancy"] == pytest.approx(71.4, abs=0.05)
    assert '<td class="agents"><strong>14</strong></td>' in html
    assert '<td class="service-level">88.8\u00a0%</td>' in html
    assert '<td class="traffic">10.00</td>' in html
    assert '<td class="asa">7.8</td>' in html
    assert '<td class="occupancy">71.4\u00a0%</td>' in html
    # and the totals: a peak of 14, 7 agent-hours (14 agents for half an hour)
    assert '<strong class="peak-agents">14</strong>' in html
    assert '<strong class="agent-hours">7.0</strong>' in html


def test_caveat_is_shown_above_the_table(cast: Cast, client: Client) -> None:
    html = as_role(client, cast, "auditor").post(URL, PUBLISHED).content.decode()

    assert "It ignores abandonment" in html
    assert html.index("It ignores abandonment") < html.index('<table class="striped staffing">')


def test_occupancy_cap_raises_the_agents(cast: Cast, client: Client) -> None:
    response = as_role(client, cast, "supervisor").post(URL, {**PUBLISHED, "max_occupancy": "70"})

    assert response.context["rows"][0]["agents"] == 15


def test_rows_come_in_time_order_with_the_day_totals(cast: Cast, client: Client) -> None:
    forecast = "# a morning\n09:00 0 180\n\n08:00 100 180\n08:30\t100;180\n"
    response = as_role(client, cast, "supervisor").post(URL, {**PUBLISHED, "forecast": forecast})

    rows = response.context["rows"]
    assert [row["start"] for row in rows] == ["08:00", "08:30", "09:00"]
    assert [row["agents"] for row in rows] == [14, 14, 0]
    assert response.context["plan"].agent_hours == 14


@pytest.mark.parametrize(
    ("forecast", "message"),
    [
        ("08:00 100 180\n8h00 100 180", "Line 2"),
        ("08:00 100", "Line 1"),
        ("08:00 many 180", "Arrivals “many” is not a non-negative number."),
        ("08:00 100 -5", "Line 1"),
        ("08:00 100 nan", "Line 1"),
        ("08:00 100 180\n\n08:00 50 180", "Line 3: 08:00 appears twice."),
        ("08:15 100 180", "Line 1: 08:15 does not start a 30-minute interval."),
        ("08:00 100 0", "Line 1: the handle time must be above 0"),
        ("08:00 100000 3600", "Line 1: 200000.0 erlangs is above the planner"),
        ("# nothing\n", "The forecast has no interval."),
    ],
)
def test_bad_lines_give_a_form_error_naming_the_line(
    cast: Cast, client: Client, forecast: str, message: str
) -> None:
    # given a forecast with a bad line / when it is planned
    response = as_role(client, cast, "supervisor").post(URL, {**PUBLISHED, "forecast": forecast})

    # then the page shows the error, and no table
    assert response.status_code == 200
    errors = response.context["form"].errors["forecast"]
    assert any(message in error for error in errors), errors
    assert 'class="striped staffing"' not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("interval_minutes", "20"),
        ("service_level", "100"),
        ("threshold_seconds", "-1"),
        ("max_occupancy", "10"),
    ],
)
def test_bad_settings_give_a_form_error(cast: Cast, client: Client, field: str, value: str) -> None:
    response = as_role(client, cast, "supervisor").post(URL, {**PUBLISHED, field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_htmx_post_returns_only_the_result_part(cast: Cast, client: Client) -> None:
    # given htmx / when the form is posted
    response = as_role(client, cast, "supervisor").post(URL, PUBLISHED, HTTP_HX_REQUEST="true")
    html = response.content.decode()

    # then only the result section comes back, without the page around it
    assert html.lstrip().startswith('<section id="staffing-result"')
    assert "<html" not in html
    assert "<form" not in html
    assert '<td class="agents"><strong>14</strong></td>' in html


def test_plain_post_renders_the_whole_page(cast: Cast, client: Client) -> None:
    html = as_role(client, cast, "supervisor").post(URL, PUBLISHED).content.decode()

    assert "<html" in html
    assert 'hx-target="#staffing-result"' in html
    assert '<section id="staffing-result"' in html


def test_htmx_errors_come_back_in_the_result_part(cast: Cast, client: Client) -> None:
    response = as_role(client, cast, "supervisor").post(
        URL, {**PUBLISHED, "forecast": "08:00 x 180"}, HTTP_HX_REQUEST="true"
    )

    assert 'role="alert"' in response.content.decode()


def test_french_page_shows_the_translated_caveat(cast: Cast, client: Client) -> None:
    html = as_role(client, cast, "supervisor", "fr").get(URL).content.decode()

    assert CAVEAT_FR in html
    assert "Planification des effectifs" in html


def test_french_errors_are_translated(cast: Cast, client: Client) -> None:
    response = as_role(client, cast, "supervisor", "fr").post(
        URL, {**PUBLISHED, "forecast": "08:15 100 180"}
    )

    assert any("Ligne 1" in error for error in response.context["form"].errors["forecast"])


def test_without_patience_no_erlang_a_column_is_shown(cast: Cast, client: Client) -> None:
    html = as_role(client, cast, "supervisor").post(URL, PUBLISHED).content.decode()

    assert 'class="a-agents"' not in html
    assert "Erlang A accounts for callers" not in html


def test_patience_adds_erlang_a_beside_erlang_c(cast: Cast, client: Client) -> None:
    # given the published example and callers patient 180 s on average
    response = as_role(client, cast, "supervisor").post(
        URL, {**PUBLISHED, "patience_seconds": "180"}
    )
    html = response.content.decode()

    # then Erlang C's 14 agents stay, and Erlang A's 12 show beside them, with the
    # service level, abandon rate and average wait those 12 achieve
    row = response.context["rows"][0]
    assert row["agents"] == 14
    assert row["a_agents"] == 12
    assert row["a_service_level"] == pytest.approx(80.2, abs=0.05)
    assert row["a_abandon"] == pytest.approx(5.3, abs=0.05)
    assert row["a_wait"] == pytest.approx(9.6, abs=0.05)
    assert '<td class="agents"><strong>14</strong></td>' in html
    assert '<td class="a-agents"><strong>12</strong></td>' in html
    assert '<td class="a-service-level">80.2\u00a0%</td>' in html
    assert '<td class="a-abandon">5.3\u00a0%</td>' in html
    assert '<strong class="peak-agents-erlang-a">12</strong>' in html
    # and both caveats are shown, the Erlang C one still first
    assert "It ignores abandonment" in html
    assert "Erlang A accounts for callers who hang up" in html
    assert "mean patience 180 s" in html
    assert html.index("It ignores abandonment") < html.index("Erlang A accounts for callers")


@pytest.mark.parametrize("value", ["0", "3601", "soon"])
def test_bad_patience_gives_a_form_error(cast: Cast, client: Client, value: str) -> None:
    response = as_role(client, cast, "supervisor").post(
        URL, {**PUBLISHED, "patience_seconds": value}
    )

    assert response.status_code == 200
    assert "patience_seconds" in response.context["form"].errors
    assert 'class="striped staffing"' not in response.content.decode()


def test_erlang_a_plan_of_a_whole_day_runs_a_fixed_number_of_queries(
    cast: Cast, client: Client, django_assert_num_queries: Any
) -> None:
    # given a supervisor's session, and the query count of a one-interval plan
    as_role(client, cast, "supervisor")
    one = {**PUBLISHED, "patience_seconds": "120"}
    with CaptureQueriesContext(connection) as baseline:
        client.post(URL, one)
    day = "\n".join(f"{hour:02d}:{minute:02d} 250 240" for hour in range(24) for minute in (0, 30))

    # when a whole day of 48 intervals is planned by both models
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.post(URL, {**one, "forecast": day})

    # then every row has both models' figures
    assert len(response.context["rows"]) == 48
    assert all(row["a_agents"] < row["agents"] for row in response.context["rows"])
