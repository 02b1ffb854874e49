"""The telephone measures page and the wallboard: roles, figures, filters, htmx, queries.

The figures are those of ``telephony/tests/test_measures.py``'s hand calculation (the
sample queue_log of Saturday 22 November 2025, 09:00-09:45 in Paris).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pacte.conftest import Cast
from pacte.factories import MotiveFactory
from pacte.telephony.importing import queue_log_import
from pacte.telephony.models import Call, CallQueue, CallSource, QueueVisit, VisitOutcome
from pacte.telephony.tests.test_measures import SAMPLE
from pacte.workspace.tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

MEASURES = reverse("workspace:telephony")
BOARD = reverse("workspace:wallboard")
PANEL = reverse("workspace:wallboard_panel")
ALLOWED = ("supervisor", "quality_manager", "auditor", "administrator")
DAY = {"day": "2025-11-22", "interval": "15"}
# 09:40 in Paris on the sample's day: .11 has waited since 09:23:20
SAMPLE_NOW = datetime(2025, 11, 22, 8, 40, tzinfo=UTC)


@pytest.fixture
def imported(frozen_now: datetime) -> None:
    technical = MotiveFactory.create(code="technical", label_en="Technical fault")
    MotiveFactory.create(code="billing-question", label_en="Billing question")
    CallQueue.objects.create(name="support", service_level_seconds=20, motive=technical)
    CallQueue.objects.create(name="billing", service_level_seconds=10, label="Billing desk")
    queue_log_import(source_name="pbx1", stream=io.BytesIO(SAMPLE.read_bytes()), now=SAMPLE_NOW)


def as_role(client: Client, cast: Cast, role: str, language: str = "en") -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client_for(client, cast, role)


def cells(html: str, queue: str, start: str) -> str:
    """The HTML of the table row of ``queue`` at ``start``."""
    marker = f'<tr data-queue="{queue}" data-start="{start}">'
    begin = html.index(marker)
    return html[begin : html.index("</tr>", begin)]


@pytest.mark.parametrize("url", [MEASURES, BOARD, PANEL])
@pytest.mark.parametrize("role", ROLES)
def test_pages_are_for_the_roles_that_see_every_team(
    cast: Cast, client: Client, role: str, url: str
) -> None:
    response = client_for(client, cast, role).get(url)

    assert response.status_code == (200 if role in ALLOWED else 403)


@pytest.mark.parametrize("url", [MEASURES, BOARD, PANEL])
def test_anonymous_is_sent_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_nav_links_to_telephony_for_supervisors_only(cast: Cast, client: Client) -> None:
    assert MEASURES in as_role(client, cast, "supervisor").get("/queue/").content.decode()
    client.logout()
    assert MEASURES not in client_for(client, cast, "agent").get("/queue/").content.decode()


def test_post_is_refused(cast: Cast, client: Client) -> None:
    assert as_role(client, cast, "supervisor").post(MEASURES, DAY).status_code == 405


def test_measures_table_shows_the_hand_calculated_figures(cast, client, imported) -> None:
    # when a supervisor asks for the sample's day in 15-minute intervals
    response = as_role(client, cast, "supervisor").get(MEASURES, DAY)
    html = response.content.decode()

    # then each interval's row has the hand-calculated figures
    assert response.status_code == 200
    morning = cells(html, "support", "09:00")
    assert '<td class="offered">4</td>' in morning
    assert '<td class="answered">2</td>' in morning
    assert '<td class="abandoned">1 (0)</td>' in morning
    assert '<td class="service-level">50.0\u00a0% within 20 s</td>' in morning
    assert '<td class="asa">14.0 s</td>' in morning
    assert '<td class="abandon-rate">25.0\u00a0%</td>' in morning
    assert '<td class="talk">210.0 s</td>' in morning
    assert '<td class="fcr">no data</td>' in morning
    late = cells(html, "support", "09:30")
    assert '<td class="abandoned">1 (1)</td>' in late
    assert '<td class="service-level">100.0\u00a0% within 20 s</td>' in late
    assert '<td class="misroutes">50.0\u00a0% (1/2)</td>' in late
    assert "Billing desk" in cells(html, "billing", "09:00")
    # and the day's total
    total = cells(html, "", "")
    assert '<td class="offered">15</td>' in total
    assert '<td class="service-level">50.0\u00a0%</td>' in total
    assert '<td class="asa">11.3 s</td>' in total
    assert "Technical fault" in html


def test_filter_by_queue_and_longer_interval(cast, client, imported) -> None:
    query = {**DAY, "interval": "60", "queue": "billing"}
    html = as_role(client, cast, "auditor").get(MEASURES, query).content.decode()

    assert 'data-queue="support"' not in html
    assert '<td class="offered">3</td>' in cells(html, "billing", "09:00")


def test_day_without_calls_says_so(cast, client, imported) -> None:
    html = as_role(client, cast, "supervisor").get(MEASURES, {"day": "2025-11-21"}).content
    assert "No call entered a queue on this day." in html.decode()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"day": "22/13/2025"}, "day"),
        ({"interval": "20"}, "interval"),
        ({"queue": "nowhere"}, "queue"),
    ],
)
def test_bad_filters_get_a_400_naming_the_field(cast, client, imported, query, field) -> None:
    response = as_role(client, cast, "supervisor").get(MEASURES, query)

    assert response.status_code == 400
    assert f'data-field="{field}"' in response.content.decode()


def test_htmx_bad_filter_shows_the_error_in_place(cast, client, imported) -> None:
    page = as_role(client, cast, "supervisor")
    response = page.get(MEASURES, {"interval": "20"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert 'data-field="interval"' in response.content.decode()


def test_htmx_gets_only_the_result(cast, client, imported) -> None:
    response = as_role(client, cast, "supervisor").get(MEASURES, DAY, HTTP_HX_REQUEST="true")
    html = response.content.decode()

    assert html.lstrip().startswith('<section id="measures-result"')
    assert "<nav" not in html


def test_page_defaults_to_today_in_french(cast, client, imported) -> None:
    with time_machine.travel(SAMPLE_NOW, tick=False):
        html = as_role(client, cast, "supervisor", "fr").get(MEASURES).content.decode()

    assert 'value="2025-11-22"' in html
    assert "50,0\u00a0%" in html


def test_measures_page_query_count_does_not_grow_with_calls(
    cast, client, imported, django_assert_num_queries
) -> None:
    page = as_role(client, cast, "supervisor")
    page.get(MEASURES, DAY)  # session and user loaded once
    with django_assert_num_queries(4):  # session, user, queue names, the measures
        page.get(MEASURES, DAY)
    more = Call.objects.create(callid="x1", source=CallSource.API, started_at=SAMPLE_NOW)
    for minute in range(20):
        QueueVisit.objects.create(
            call=more,
            queue=CallQueue.objects.get(name="support"),
            source=CallSource.API,
            entered_at=SAMPLE_NOW - timedelta(minutes=minute),
        )
    with django_assert_num_queries(4):
        page.get(MEASURES, DAY)


def test_wallboard_shows_waiting_callers_and_todays_figures(cast, client, imported) -> None:
    CallQueue.objects.filter(name="support").update(agents_logged_in=3)

    with time_machine.travel(SAMPLE_NOW, tick=False):
        html = as_role(client, cast, "supervisor").get(BOARD).content.decode()

    support = html[html.index('data-queue="support"') :]
    support = support[: support.index("</article>")]
    assert '<span class="figure">1</span>' in support.split('class="waiting"')[1][:60]
    longest = support.split('class="longest-wait"')[1][:80]
    assert "1000 s" in longest  # 09:40:00 - 09:23:20
    assert '<span class="figure">3</span>' in support.split('class="agents"')[1][:80]
    assert '<span class="figure">12</span>' in support.split('class="offered"')[1][:80]
    assert "45.5\u00a0%" in support  # 5 / 11, under the 80 % target: red
    assert "below-target" in html[: html.index('data-queue="support"') + 30]
    assert 'hx-trigger="every 5s"' in html


def test_wallboard_panel_counts_a_new_caller(cast, client, imported, django_assert_num_queries):
    page = as_role(client, cast, "supervisor")
    with time_machine.travel(SAMPLE_NOW, tick=False):
        page.get(PANEL)
        call = Call.objects.create(callid="new", source=CallSource.API, started_at=SAMPLE_NOW)
        QueueVisit.objects.create(
            call=call,
            queue=CallQueue.objects.get(name="billing"),
            source=CallSource.API,
            entered_at=SAMPLE_NOW - timedelta(seconds=30),
            outcome=VisitOutcome.WAITING,
        )
        with django_assert_num_queries(3):  # session, user, the board
            html = page.get(PANEL).content.decode()

    assert html.lstrip().startswith('<section id="wallboard"')
    billing = html[html.index('data-queue="billing"') :]
    assert '<span class="figure">1</span>' in billing.split('class="waiting"')[1][:60]
    assert "30 s" in billing.split('class="longest-wait"')[1][:80]


def test_wallboard_ignores_callers_left_waiting_on_an_earlier_day(cast, client, imported):
    with time_machine.travel(SAMPLE_NOW + timedelta(days=1), tick=False):
        html = as_role(client, cast, "supervisor").get(PANEL).content.decode()

    support = html[html.index('data-queue="support"') :]
    assert '<span class="figure">0</span>' in support.split('class="waiting"')[1][:60]
    assert "no data" in support.split('class="service-level"')[1][:200]
