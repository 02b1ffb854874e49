"""The compliance dashboard and its drill-down: figures, no-data, filters, roles, queries.

March 2026: email requests received Monday 9 March 09:00 in Paris are due Wednesday
11 March. Answered on the 10th they pass; answered on the 13th they fail. The pages
are read on 15 April 2026, so March is the last complete month.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacte.cases.models import Case
from pacte.cases.services import case_answer
from pacte.commitments.models import Indicator, VersionStatus
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import Channel
from pacte.factories import open_case
from pacte.workspace.tests.conftest import ROLES, client_for, login

pytestmark = pytest.mark.django_db

RECEIVED = paris(2026, 3, 9, 9)
IN_TIME = paris(2026, 3, 10, 15)
LATE = paris(2026, 3, 13, 15)
NOW = paris(2026, 4, 15, 12)
MARCH = "scheme=telecom-2004&month=2026-03"
ALLOWED = ("supervisor", "quality_manager", "auditor", "administrator")
NO_DATA_COMPUTATION = "evaluation_courtesy_met"


@pytest.fixture
def april() -> Iterator[datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


def answered_case(cast: Cast, at: datetime, *, channel: Channel = Channel.EMAIL) -> Case:
    """An email request received on 9 March, answered at ``at``."""
    team = cast.front if at == IN_TIME else cast.back
    with time_machine.travel(RECEIVED, tick=False):
        case = open_case(received_at=RECEIVED, team=team, channel=channel)
    with time_machine.travel(at, tick=False):
        return case_answer(
            case=case, actor=cast.agent, channel=Channel.EMAIL, body="Here you go.", at=at
        )


def build_march(cast: Cast, *, passed: int, failed: int) -> list[Case]:
    """``passed`` requests answered in time (front team), ``failed`` late (back team, web)."""
    cases = [answered_case(cast, IN_TIME) for _ in range(passed)]
    return cases + [answered_case(cast, LATE, channel=Channel.WEB) for _ in range(failed)]


def row_of(content: str, code: str) -> str:
    """The dashboard's table row of indicator ``code``."""
    match = re.search(rf'<tr data-indicator="{re.escape(code)}">(.*?)</tr>', content, re.S)
    assert match is not None, code
    return match.group(1)


def no_data_code() -> str:
    indicator = Indicator.objects.get(
        computation=NO_DATA_COMPUTATION,
        commitment__version__scheme__code="telecom-2004",
        commitment__version__status=VersionStatus.ACTIVE,
    )
    return indicator.code


def drill_url(code: str, query: str = MARCH) -> str:
    return f"{reverse('workspace:compliance_drill', args=[code])}?{query}"


def test_dashboard_shows_the_last_complete_month_in_french_by_default(
    client: Client, cast: Cast, april: datetime
) -> None:
    # Given three requests answered in time and one late in March
    build_march(cast, passed=3, failed=1)
    # When the quality manager opens the dashboard without choosing a month
    response = login(client, cast.quality_manager).get(reverse("workspace:compliance"))
    content = response.content.decode()
    # Then March is shown, with the scheme version, and T3.1-a is 3/4 = 75 %, not met
    assert response.status_code == 200
    assert 'value="2026-03"' in content
    assert "<h1>Conformité</h1>" in content
    assert "Référentiel telecom-2004, version 1" in content
    row = row_of(content, "T3.1-a")
    assert '<td class="numerator">3</td>' in row
    assert '<td class="denominator">4</td>' in row
    assert "75,00\u00a0%" in row
    assert "≥\u00a095,00\u00a0%" in row
    assert '<span class="badge missed">Non</span>' in row


def test_dashboard_renders_in_english_with_a_met_badge(
    client: Client, cast: Cast, april: datetime
) -> None:
    # Given only requests answered in time
    build_march(cast, passed=2, failed=0)
    # When the auditor reads March in English
    response = login(client, cast.auditor).get(
        f"{reverse('workspace:compliance')}?{MARCH}", HTTP_ACCEPT_LANGUAGE="en"
    )
    row = row_of(response.content.decode(), "T3.1-a")
    # Then the target is met
    assert "100.00\u00a0%" in row
    assert '<span class="badge met">Yes</span>' in row


def test_no_data_indicator_shows_its_reason_and_no_number(
    client: Client, cast: Cast, april: datetime
) -> None:
    build_march(cast, passed=1, failed=1)
    response = login(client, cast.quality_manager).get(
        f"{reverse('workspace:compliance')}?{MARCH}", HTTP_ACCEPT_LANGUAGE="en"
    )
    row = row_of(response.content.decode(), no_data_code())
    assert "No data" in row
    assert "evaluation" in row
    assert 'class="numerator"' not in row
    assert 'class="rate"' not in row


def test_no_data_reason_is_translated(client: Client, cast: Cast, april: datetime) -> None:
    response = login(client, cast.quality_manager).get(f"{reverse('workspace:compliance')}?{MARCH}")
    row = row_of(response.content.decode(), no_data_code())
    assert "Pas de données" in row
    assert "les évaluations qualité (écoutes" in row
    assert "ne sont pas encore saisies dans Pacte" in row


def test_trend_gives_twelve_months_ending_at_the_selected_one(
    client: Client, cast: Cast, april: datetime
) -> None:
    build_march(cast, passed=3, failed=1)
    response = login(client, cast.supervisor).get(f"{reverse('workspace:compliance')}?{MARCH}")
    content = response.content.decode()
    match = re.search(
        r'<script id="compliance-trends" type="application/json">(.*?)</script>', content
    )
    assert match is not None
    trends = {trend["code"]: trend for trend in json.loads(match.group(1))}
    points = trends["T3.1-a"]["points"]
    assert [point["month"] for point in (points[0], points[-1])] == ["2025-04", "2026-03"]
    assert len(points) == 12
    assert points[-1]["rate"] == 75.0
    assert trends["T3.1-a"]["target"] == 95.0
    assert no_data_code() not in trends
    assert "compliance-chart.js" in content


def test_drill_down_lists_the_failing_case_with_its_reason(
    client: Client, cast: Cast, april: datetime
) -> None:
    # Given one request answered in time and one late
    passed, failed = build_march(cast, passed=1, failed=1)
    # When the auditor drills into T3.1-a for March
    response = login(client, cast.auditor).get(drill_url("T3.1-a"), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    # Then both cases are listed with their verdicts; the late one says why it failed
    assert response.status_code == 200
    assert reverse("workspace:case", args=[failed.pk]) in content
    assert passed.reference in content
    row = re.search(
        rf'<tr data-case="{failed.reference}" class="verdict-fail">(.*?)</tr>', content, re.S
    )
    assert row is not None
    assert 'data-reason="answered_late"' in row.group(1)
    assert "Answered after the deadline in force." in row.group(1)
    assert "Back office" in row.group(1)
    # and the breakdowns split them by channel and team
    assert 'data-dimension="channel"' in content
    assert "Web form / portal" in content
    assert 'data-dimension="motive"' in content


@pytest.mark.parametrize(("verdict", "shown", "hidden"), [("fail", 1, 0), ("pass", 0, 1)])
def test_drill_down_filters_by_verdict(
    client: Client, cast: Cast, april: datetime, verdict: str, shown: int, hidden: int
) -> None:
    cases = build_march(cast, passed=1, failed=1)  # [passed, failed]
    response = login(client, cast.quality_manager).get(
        drill_url("T3.1-a", f"{MARCH}&verdict={verdict}")
    )
    content = response.content.decode()
    assert f'data-case="{cases[shown].reference}"' in content
    assert f'data-case="{cases[hidden].reference}"' not in content


def test_drill_down_of_a_no_data_indicator_says_so(
    client: Client, cast: Cast, april: datetime
) -> None:
    response = login(client, cast.quality_manager).get(
        drill_url(no_data_code()), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "No data" in content
    assert "evaluation" in content
    assert 'class="striped drill"' not in content


def test_unknown_scheme_is_a_404(client: Client, cast: Cast) -> None:
    url = f"{reverse('workspace:compliance')}?scheme=no-such-scheme"
    assert login(client, cast.quality_manager).get(url).status_code == 404


@pytest.mark.parametrize("month", ["2026-13", "march", "2026-3x"])
# Not "page": that name is pytest-playwright's fixture, which would make this a browser
# test run out of order (after a live-server test has emptied the database).
@pytest.mark.parametrize("screen", ["dashboard", "drill"])
def test_bad_month_is_a_form_error_not_a_404(
    client: Client, cast: Cast, april: datetime, month: str, screen: str
) -> None:
    # given a quality manager who typed a month the picker cannot read
    names = {
        "dashboard": ("workspace:compliance", []),
        "drill": ("workspace:compliance_drill", ["T3.1-a"]),
    }
    url = reverse(names[screen][0], args=names[screen][1])
    # when the page is asked for it, in French
    response = login(client, cast.quality_manager).get(url, {"month": month})
    # then the page renders the last complete month with the error beside the picker
    assert response.status_code == 200
    content = response.content.decode()
    assert 'aria-invalid="true"' in content
    error = content.split('id="month-error"', 1)[1].split("</small>", 1)[0]
    assert "pas un mois\u00a0: indiquez-le sous la forme année-mois" in error
    assert 'value="2026-03"' in content  # the default month is shown instead


def test_unknown_indicator_is_a_404(client: Client, cast: Cast) -> None:
    response = login(client, cast.quality_manager).get(drill_url("Z9.9-z"))
    assert response.status_code == 404


@pytest.mark.parametrize("role", [*ROLES, None])
@pytest.mark.parametrize("view", ["dashboard", "drill"])
def test_who_sees_the_dashboard(
    client: Client, cast: Cast, april: datetime, role: str | None, view: str
) -> None:
    url = (
        f"{reverse('workspace:compliance')}?{MARCH}" if view == "dashboard" else drill_url("T3.1-a")
    )
    response = client_for(client, cast, role).get(url)
    if role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "linked"), [("auditor", True), ("supervisor", True), ("agent", False)]
)
def test_nav_links_the_dashboard_for_its_roles(
    client: Client, cast: Cast, role: str, linked: bool
) -> None:
    response = client_for(client, cast, role).get(reverse("workspace:queue"))
    assert (f'href="{reverse("workspace:compliance")}"' in response.content.decode()) is linked


def drill_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(drill_url("T3.1-a"))
    assert response.status_code == 200
    return len(queries)


def test_drill_down_query_count_does_not_grow_with_the_rows(
    client: Client, cast: Cast, april: datetime
) -> None:
    # Given two items, then six more (over two teams and channels)
    login(client, cast.quality_manager)
    build_march(cast, passed=1, failed=1)
    few = drill_queries(client)
    build_march(cast, passed=3, failed=3)
    # Then the drill-down reads the same number of queries
    assert drill_queries(client) == few
    assert few <= 25
