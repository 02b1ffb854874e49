"""POST /api/telephony/staffing/: roles, the published Erlang C example, validation errors.

Published example (Call Centre Helper's worked Erlang C example): 100 calls per 30
minutes, AHT 180 s, 80 % within 20 s: 14 agents, service level 88.8 %, P(W > 0)
0.1741, ASA 7.8 s, occupancy 71.4 %.
"""

from __future__ import annotations

from typing import Any

import pytest

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.conftest import Cast
from pacte.telephony.erlang import ERLANG_C_CAVEAT
from pacte.telephony.erlang_a import ERLANG_A_CAVEAT

pytestmark = pytest.mark.django_db

URL = "/api/telephony/staffing/"
ALLOWED = ("supervisor", "quality_manager", "auditor", "administrator")


def published(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "interval_minutes": 30,
        "service_level_target": 0.8,
        "threshold_seconds": 20,
        "intervals": [{"start": "08:00", "arrivals": 100, "handle_seconds": 180}],
    }
    return {**body, **changes}


@pytest.mark.parametrize("role", [*ROLES, None])
def test_endpoint_is_for_the_roles_that_see_every_team(
    cast: Cast, client_for: ClientFor, role: str | None
) -> None:
    # given each role, and anonymous / when they ask for a plan
    response = client_for(user_or_none(cast, role)).post(URL, published(), format="json")

    # then 200 for the roles that see every team, 401 anonymous, 404 anyone else
    expected = 401 if role is None else 200 if role in ALLOWED else 404
    assert response.status_code == expected
    if expected != 200:
        assert set(response.json()) == {"code", "detail"}


def test_published_example_needs_14_agents(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.supervisor).post(URL, published(), format="json")

    data = response.json()
    [row] = data["intervals"]
    assert row["start"] == "08:00"
    assert row["traffic_erlangs"] == pytest.approx(10)
    assert row["agents"] == 14
    assert row["service_level"] == pytest.approx(0.888, abs=0.0005)
    assert row["probability_of_waiting"] == pytest.approx(0.1741, abs=0.00005)
    assert row["average_speed_of_answer_seconds"] == pytest.approx(7.8, abs=0.05)
    assert row["occupancy"] == pytest.approx(0.714, abs=0.0005)
    assert data["peak_agents"] == 14
    assert data["agent_hours"] == pytest.approx(7)
    assert data["caveat"] == ERLANG_C_CAVEAT
    assert data["max_occupancy"] is None


def test_occupancy_cap_needs_15_agents(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.auditor).post(URL, published(max_occupancy=0.7), format="json")

    [row] = response.json()["intervals"]
    assert row["agents"] == 15
    assert row["service_level"] == pytest.approx(0.941, abs=0.0005)


def test_intervals_come_back_in_time_order(cast: Cast, client_for: ClientFor) -> None:
    intervals = [
        {"start": "09:00", "arrivals": 0, "handle_seconds": 0},
        {"start": "08:00", "arrivals": 100, "handle_seconds": 180},
    ]
    response = client_for(cast.supervisor).post(
        URL, published(intervals=intervals, interval_minutes=60), format="json"
    )

    data = response.json()
    assert [row["start"] for row in data["intervals"]] == ["08:00", "09:00"]
    assert [row["agents"] for row in data["intervals"]] == [8, 0]


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        ({"interval_minutes": 20}, "interval_minutes"),
        ({"service_level_target": 1}, "The target service level must be above 0 and below 100"),
        ({"service_level_target": 0}, "The target service level must be above 0 and below 100"),
        ({"threshold_seconds": -1}, "threshold_seconds"),
        ({"max_occupancy": 0.2}, "max_occupancy"),
        ({"intervals": []}, "intervals"),
        (
            {"intervals": [{"start": "8h", "arrivals": 1, "handle_seconds": 1}]},
            "intervals.0.start",
        ),
        (
            {"intervals": [{"start": "08:00", "arrivals": -1, "handle_seconds": 1}]},
            "intervals.0.arrivals",
        ),
        (
            {"intervals": [{"start": "08:15", "arrivals": 1, "handle_seconds": 1}]},
            "intervals.0: 08:15 does not start a 30-minute interval.",
        ),
        (
            {
                "intervals": [
                    {"start": "08:00", "arrivals": 1, "handle_seconds": 1},
                    {"start": "08:00", "arrivals": 1, "handle_seconds": 1},
                ]
            },
            "intervals.1: 08:00 appears twice.",
        ),
        (
            {"intervals": [{"start": "08:00", "arrivals": 1e6, "handle_seconds": 3600}]},
            "above the planner's limit",
        ),
        ({"intervals": "08:00 100 180"}, "intervals"),
    ],
)
def test_invalid_bodies_are_400_with_the_reason(
    cast: Cast, client_for: ClientFor, changes: dict[str, Any], detail: str
) -> None:
    response = client_for(cast.supervisor).post(URL, published(**changes), format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert detail in body["detail"]


def test_missing_fields_are_400(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.supervisor).post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()["field_errors"]) >= {"interval_minutes", "intervals"}


def test_get_is_not_allowed(cast: Cast, client_for: ClientFor) -> None:
    assert client_for(cast.supervisor).get(URL).status_code == 405


def test_without_patience_there_is_no_erlang_a(cast: Cast, client_for: ClientFor) -> None:
    data = client_for(cast.supervisor).post(URL, published(), format="json").json()

    assert data["patience_seconds"] is None
    assert data["erlang_a_caveat"] is None
    assert data["peak_agents_erlang_a"] is None
    assert data["intervals"][0]["erlang_a"] is None


def test_patience_adds_erlang_a_beside_erlang_c(cast: Cast, client_for: ClientFor) -> None:
    # given the published example and callers patient 180 s on average
    response = client_for(cast.quality_manager).post(
        URL, published(patience_seconds=180), format="json"
    )

    # then Erlang C's figures are unchanged and Erlang A's 12 agents come beside them
    assert response.status_code == 200
    data = response.json()
    [row] = data["intervals"]
    assert row["agents"] == 14
    assert row["erlang_a"]["agents"] == 12
    assert row["erlang_a"]["service_level"] == pytest.approx(0.8023, abs=0.00005)
    assert row["erlang_a"]["probability_of_abandoning"] == pytest.approx(0.0531, abs=0.00005)
    assert row["erlang_a"]["probability_of_waiting"] == pytest.approx(0.3032, abs=0.00005)
    assert row["erlang_a"]["average_wait_seconds"] == pytest.approx(9.56, abs=0.005)
    assert row["erlang_a"]["occupancy"] == pytest.approx(0.7891, abs=0.00005)
    assert data["patience_seconds"] == 180
    assert data["peak_agents_erlang_a"] == 12
    assert data["agent_hours_erlang_a"] == pytest.approx(6)
    assert data["caveat"] == ERLANG_C_CAVEAT
    assert data["erlang_a_caveat"] == ERLANG_A_CAVEAT


@pytest.mark.parametrize("patience", [0, 0.5, 3601, "soon"])
def test_patience_out_of_range_is_400(
    cast: Cast, client_for: ClientFor, patience: float | str
) -> None:
    response = client_for(cast.supervisor).post(
        URL, published(patience_seconds=patience), format="json"
    )

    assert response.status_code == 400
    assert "patience_seconds" in response.json()["detail"]
