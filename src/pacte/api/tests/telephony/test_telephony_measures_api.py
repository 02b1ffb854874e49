"""GET /api/telephony/measures/: roles, the hand-calculated figures, bad parameters.

The figures are those of ``telephony/tests/test_measures.py``'s hand calculation.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.conftest import Cast
from pacte.factories import MotiveFactory
from pacte.telephony.importing import queue_log_import
from pacte.telephony.models import CallQueue
from pacte.telephony.tests.test_measures import SAMPLE

pytestmark = pytest.mark.django_db

URL = "/api/telephony/measures/"
ALLOWED = ("supervisor", "quality_manager", "auditor", "administrator")
DAY = {"date": "2025-11-22", "interval": "15"}


@pytest.fixture
def imported(frozen_now: datetime) -> None:
    technical = MotiveFactory.create(code="technical", label_en="Technical fault")
    MotiveFactory.create(code="billing-question", label_en="Billing question")
    CallQueue.objects.create(name="support", service_level_seconds=20, motive=technical)
    CallQueue.objects.create(name="billing", service_level_seconds=10)
    queue_log_import(
        source_name="pbx1",
        stream=io.BytesIO(SAMPLE.read_bytes()),
        now=datetime(2025, 11, 22, 12, tzinfo=UTC),
    )


@pytest.mark.parametrize("role", [*ROLES, None])
def test_endpoint_is_for_the_roles_that_see_every_team(
    cast: Cast, client_for: ClientFor, role: str | None
) -> None:
    response = client_for(user_or_none(cast, role)).get(URL, DAY)

    expected = 401 if role is None else 200 if role in ALLOWED else 404
    assert response.status_code == expected
    if expected != 200:
        assert set(response.json()) == {"code", "detail"}


def test_figures_match_the_hand_calculation(cast: Cast, client_for: ClientFor, imported) -> None:
    response = client_for(cast.supervisor).get(URL, DAY)

    data = response.json()
    assert (data["date"], data["interval_minutes"], data["time_zone"]) == (
        "2025-11-22",
        15,
        "Europe/Paris",
    )
    starts = [(row["queue"], row["start"]) for row in data["intervals"]]
    assert starts == [
        ("billing", "2025-11-22T09:00:00+01:00"),
        ("billing", "2025-11-22T09:30:00+01:00"),
        ("support", "2025-11-22T09:00:00+01:00"),
        ("support", "2025-11-22T09:15:00+01:00"),
        ("support", "2025-11-22T09:30:00+01:00"),
    ]
    late = data["intervals"][4]
    assert late["end"] == "2025-11-22T09:45:00+01:00"
    assert (late["offered"], late["short_abandons"], late["service_level"]) == (2, 1, 1.0)
    assert (late["misrouted"], late["calls"], late["misroute_rate"]) == (1, 2, 0.5)
    assert late["first_contact_resolution"] is None  # nothing to divide by: no data
    support = data["queues"][1]
    assert support["queue"] == "support"
    assert support["service_level"] == pytest.approx(5 / 11)
    assert support["average_speed_of_answer_seconds"] == pytest.approx(13.5)
    assert support["talk_by_motive"] == [
        {"motive": "billing-question", "talk_count": 1, "mean_talk_seconds": 240.0},
        {"motive": "technical", "talk_count": 3, "mean_talk_seconds": 85.0},
    ]
    total = data["total"]
    assert (total["queue"], total["start"], total["service_level_seconds"]) == (None, None, None)
    assert (total["offered"], total["answered"], total["abandoned"]) == (15, 9, 2)
    assert total["service_level"] == pytest.approx(0.5)
    assert total["abandon_rate"] == pytest.approx(2 / 15)
    assert total["mean_talk_seconds"] == pytest.approx(110)


def test_queue_filter_and_hour_intervals(cast: Cast, client_for: ClientFor, imported) -> None:
    response = client_for(cast.auditor).get(URL, {**DAY, "interval": "60", "queue": "billing"})

    data = response.json()
    assert [(row["queue"], row["offered"]) for row in data["intervals"]] == [("billing", 3)]
    assert data["total"]["offered"] == 3


def test_interval_defaults_to_15_minutes(cast: Cast, client_for: ClientFor, imported) -> None:
    response = client_for(cast.supervisor).get(URL, {"date": "2025-11-22"})

    assert response.json()["interval_minutes"] == 15


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "date"),
        ({"date": "22/11/2025"}, "date"),
        ({"date": "2025-02-30"}, "date"),
        ({"date": "2025-11-22", "interval": "20"}, "interval"),
        ({"date": "2025-11-22", "interval": "x"}, "interval"),
        ({"date": "2025-11-22", "queue": "nowhere"}, "queue"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(
    cast: Cast, client_for: ClientFor, imported, query: dict[str, str], field: str
) -> None:
    response = client_for(cast.supervisor).get(URL, query)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"].startswith(f"{field}:")
