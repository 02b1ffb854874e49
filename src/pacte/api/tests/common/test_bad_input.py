"""Bad input never gets a 500: each gets a 4xx in the ``{code, detail}`` shape, nothing written.

The inputs of issue 9, section 4: JSON nested 1,000 levels deep, months and dates near
year 1 or 9999, a body over the size limit, an evidence pack for month 0001-01, NUL
characters and lone surrogates in an ACD event's ``data``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Model
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings
from rest_framework.test import APIClient

from pacte.api.common.parsers import MAX_DEPTH, nesting_exceeds
from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case
from pacte.compliance.models import MonthClosing
from pacte.conftest import Cast
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.evidence.models import EvidencePack
from pacte.factories import UserFactory, grant_past_instants
from pacte.nonconformities.models import NonConformity
from pacte.telephony.models import CallEvent

pytestmark = pytest.mark.django_db

NESTED_1000 = "[" * 1000 + "]" * 1000
OUT_OF_RANGE_MONTHS = ("0001-01", "1999-12", "2101-01", "9999-12")
OUT_OF_RANGE_DAYS = ("0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31")
OUT_OF_RANGE_INSTANTS = ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00")
GOOD_AT = "2026-03-10T09:55:00+01:00"


def raw_post(client: APIClient, path: str, text: str, method: str = "POST") -> Any:
    return client.generic(method, path, text, content_type="application/json")


def assert_refused(response: Any, status: int = 400, code: str = "invalid") -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["detail"]
    return body


def counts() -> dict[str, int]:
    models: tuple[type[Model], ...] = (
        Case,
        MonthClosing,
        EvidencePack,
        NonConformity,
        CallEvent,
        DBTaskResult,
    )
    return {model.__name__: model._default_manager.count() for model in models}


@pytest.fixture
def acd(db: None) -> User:
    """The ACD/IVR account: a service user holding the telephony permissions, and the
    permission to report events a few minutes late."""
    user = UserFactory.create(username="acd", role=Role.CUSTOMER)
    for codename in ("add_callevent", "view_callqueue"):
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="telephony")
        )
    return grant_past_instants(user)


# -- JSON nesting ------------------------------------------------------------------------

JSON_ENDPOINTS = (
    ("POST", "/api/cases/"),
    ("POST", "/api/compliance/closings/"),
    ("POST", "/api/nonconformities/"),
    ("POST", "/api/telephony/events/"),
    ("POST", "/api/telephony/staffing/"),
    ("POST", "/api/evidence-packs/"),
    ("PATCH", "/api/schemes/telecom-2004/versions/1/indicators/T1.1/"),
    ("POST", "/api/schemes/telecom-2004/versions/1/activate/"),
)


@pytest.mark.parametrize(("method", "path"), JSON_ENDPOINTS)
def test_json_nested_a_thousand_levels_is_a_400_and_writes_nothing(
    method: str, path: str, cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    # Given an administrator (every one of these endpoints reads the body for them)
    before = counts()

    # When the body is 1,000 nested arrays
    response = raw_post(client_for(cast.administrator), path, NESTED_1000, method)

    # Then a 400 json_too_deep in the API's shape, and nothing written
    assert_refused(response, code="json_too_deep")
    assert counts() == before


def test_json_just_past_the_depth_limit_is_refused_and_at_it_is_read(
    cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    inner: dict[str, Any] = {}
    # an administrator is a person: the event happens now (no backdating)
    deep = {"callid": "c1", "kind": "entered", "at": frozen_now.isoformat(), "data": inner}
    for _ in range(MAX_DEPTH - 2):  # the event and its data are two levels already
        inner["x"] = {}
        inner = inner["x"]
    client = client_for(cast.administrator)

    at_limit = client.post("/api/telephony/events/", deep, format="json")
    inner["x"] = {}
    past = client.post("/api/telephony/events/", deep, format="json")

    assert at_limit.status_code == 201
    assert_refused(past, code="json_too_deep")


@pytest.mark.parametrize(
    ("value", "exceeds"),
    [([], False), ([[[]]], False), ([[[[]]]], True), ({"a": {"b": [{}]}}, True), ("x", False)],
)
def test_nesting_is_measured_in_objects_and_arrays(value: Any, exceeds: bool) -> None:
    assert nesting_exceeds(value, 3) is exceeds


# -- body size ---------------------------------------------------------------------------


def test_a_body_over_the_limit_is_a_413_in_the_api_shape(
    cast: Cast, client_for: ClientFor, frozen_now: datetime, settings: Settings
) -> None:
    # Given a limit of 10 kB
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    text = json.dumps({"subject": "x" * 20_000})

    # When a larger JSON body is posted
    response = raw_post(client_for(cast.administrator), "/api/cases/", text)

    # Then 413 request_too_large, as JSON, and no case
    assert response["Content-Type"] == "application/json"
    assert_refused(response, status=413, code="request_too_large")
    assert not Case.objects.exists()


def test_form_fields_over_the_limit_are_a_413_in_the_api_shape(
    cast: Cast, client_for: ClientFor, frozen_now: datetime, settings: Settings
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = client_for(cast.agent).post(
        "/api/letters/", {"subject": "x" * 20_000, "received_on": "2026-03-09"}
    )

    assert_refused(response, status=413, code="request_too_large")


def test_an_unknown_api_url_is_a_404_in_the_api_shape(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.agent).get("/api/nowhere/")

    assert_refused(response, status=404, code="not_found")


# -- months ------------------------------------------------------------------------------


def _month_calls(client: APIClient, month: str) -> list[Any]:
    query = f"scheme=telecom-2004&month={month}"
    return [
        client.get(f"/api/compliance/results/?{query}"),
        client.get(f"/api/compliance/indicators/T3.1-a/verdicts/?{query}"),
        client.post("/api/compliance/closings/", {"month": month}, format="json"),
        client.post(
            "/api/evidence-packs/", {"scheme": "telecom-2004", "month": month}, format="json"
        ),
        client.post(
            "/api/nonconformities/",
            {"source": "missed_target", "scheme": "telecom-2004", "month": month, "indicator": "x"},
            format="json",
        ),
    ]


@pytest.mark.parametrize("month", OUT_OF_RANGE_MONTHS)
def test_a_month_outside_2000_to_2100_is_a_400_everywhere_and_writes_nothing(
    month: str, cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    # Given the quality manager, who may read, close, sample and raise
    before = counts()

    # When each month endpoint is called with a month near year 1 or 9999
    responses = _month_calls(client_for(cast.quality_manager), month)

    # Then each says why, naming the month, and nothing was written or queued
    for response in responses:
        body = assert_refused(response)
        assert body["detail"].startswith("month: ")
        assert "2000" in body["detail"]
    assert counts() == before


@pytest.mark.parametrize("month", ["2000-01", "2100-12"])
def test_the_first_and_last_supported_months_are_read(
    month: str, cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    response = client_for(cast.quality_manager).get(
        f"/api/compliance/results/?scheme=telecom-2004&month={month}"
    )

    assert response.status_code == 200
    assert response.json()["month"] == month


def test_an_evidence_pack_for_month_0001_01_is_refused_before_any_build(
    cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    response = client_for(cast.auditor).post(
        "/api/evidence-packs/", {"scheme": "telecom-2004", "month": "0001-01"}, format="json"
    )

    assert_refused(response)
    assert not EvidencePack.objects.exists()
    assert not DBTaskResult.objects.exists()


# -- dates and instants ------------------------------------------------------------------


@pytest.mark.parametrize("day", OUT_OF_RANGE_DAYS)
def test_telephony_measures_refuse_a_day_outside_the_supported_years(
    day: str, cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    response = client_for(cast.supervisor).get(f"/api/telephony/measures/?date={day}")

    body = assert_refused(response)
    assert body["detail"].startswith("date: ")


@pytest.mark.parametrize("day", OUT_OF_RANGE_DAYS)
def test_other_dates_outside_the_supported_years_are_refused(
    day: str, cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    client = client_for(cast.quality_manager)

    activate = client.post(
        "/api/schemes/telecom-2004/versions/1/activate/", {"valid_from": day}, format="json"
    )
    letter = client_for(cast.agent).post("/api/letters/", {"received_on": day})

    assert_refused(activate)
    assert "received_on" in assert_refused(letter)["field_errors"]


@pytest.mark.parametrize("instant", OUT_OF_RANGE_INSTANTS)
def test_case_instants_outside_the_supported_years_are_refused(
    instant: str, cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    client = client_for(cast.agent)

    created = client.post("/api/cases/", {**body, "received_at": instant}, format="json")
    listed = client.get("/api/cases/", {"due_before": instant})

    assert_refused(created)
    assert_refused(listed)
    assert not Case.objects.exists()


@pytest.mark.parametrize("instant", OUT_OF_RANGE_INSTANTS)
@pytest.mark.parametrize("where", ["at", "data.due_at"])
def test_acd_events_refuse_instants_outside_the_supported_years(
    instant: str, where: str, acd: User, client_for: ClientFor, frozen_now: datetime
) -> None:
    # Given a committed-deadline event with the bad instant in ``at`` or ``data.due_at``
    event = {"callid": "c1", "kind": "committed", "at": GOOD_AT, "data": {"due_at": GOOD_AT}}
    if where == "at":
        event["at"] = instant
    else:
        event["data"] = {"due_at": instant}

    # When it is posted
    response = client_for(acd).post("/api/telephony/events/", [event], format="json")

    # Then 400 naming the event and the field; nothing stored
    body = assert_refused(response, code="invalid_event")
    assert (body["index"], body["field"]) == (0, where)
    assert not CallEvent.objects.exists()


# -- NUL and lone surrogates in telephony data -------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ('{"note": "a\\u0000b"}', "data.note"),
        ('{"note": "\\ud800"}', "data.note"),
        ('{"note": "\\udfff x"}', "data.note"),
        ('{"a\\u0000": "x"}', "data"),
        ('{"\\ud83d": "x"}', "data"),
        ('{"extra": {"list": ["ok", "\\u0000"]}}', "data.extra.list.1"),
        ('{"extra": {"\\udc00key": 1}}', "data.extra"),
    ],
)
def test_nul_and_lone_surrogates_in_event_data_are_refused_naming_the_field(
    data: str, field: str, acd: User, client_for: ClientFor, frozen_now: datetime
) -> None:
    # Given a batch whose second event carries the character somewhere in ``data``
    text = (
        f'[{{"callid": "c1", "kind": "entered", "at": "{GOOD_AT}"}},'
        f' {{"callid": "c2", "kind": "entered", "at": "{GOOD_AT}", "data": {data}}}]'
    )

    # When it is posted
    response = raw_post(client_for(acd), "/api/telephony/events/", text)

    # Then a 400 naming event 1 and the field, and not even event 0 is stored
    body = assert_refused(response, code="invalid_event")
    assert (body["index"], body["field"]) == (1, field)
    assert not CallEvent.objects.exists()


def test_a_paired_surrogate_escape_is_text_and_is_stored(
    acd: User, client_for: ClientFor, frozen_now: datetime
) -> None:
    data = '{"n": "\\ud83d\\ude00"}'
    text = f'{{"callid": "c1", "kind": "entered", "at": "{GOOD_AT}", "data": {data}}}'

    response = raw_post(client_for(acd), "/api/telephony/events/", text)

    assert response.status_code == 201
    assert CallEvent.objects.get().data["n"] == "\N{GRINNING FACE}"


@pytest.mark.parametrize("callid", ["\\u0000", "c\\ud800"])
def test_a_callid_with_nul_or_a_lone_surrogate_is_refused(
    callid: str, acd: User, client_for: ClientFor, frozen_now: datetime
) -> None:
    text = f'{{"callid": "{callid}", "kind": "entered", "at": "{GOOD_AT}"}}'

    response = raw_post(client_for(acd), "/api/telephony/events/", text)

    assert assert_refused(response, code="invalid_event")["field"] == "callid"
    assert not CallEvent.objects.exists()


# -- NUL and lone surrogates anywhere else ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('{"to_assignee": "agent\\u0000"}', "to_assignee"),
        ('{"to_team": "\\ud800"}', "to_team"),
        ('{"note": "ok", "\\u0000": 1}', "body"),
    ],
)
def test_json_text_with_nul_or_a_lone_surrogate_is_a_400_naming_where(
    text: str, place: str, cast: Cast, client_for: ClientFor, case: Case
) -> None:
    # Given a hand-off whose lookups would send the character to the database
    events = case.events.count()

    # When it is posted
    response = raw_post(client_for(cast.agent), f"/api/cases/{case.pk}/hand-off/", text)

    # Then a 400 naming the field, and nothing recorded
    assert assert_refused(response)["detail"].startswith(f"{place}: ")
    assert case.events.count() == events


def test_form_fields_with_nul_are_a_400_naming_the_field(
    cast: Cast, client_for: ClientFor, case: Case
) -> None:
    response = client_for(cast.agent).post(
        f"/api/cases/{case.pk}/hand-off/", {"to_assignee": "2\x00x", "note": "Over to you now."}
    )

    assert assert_refused(response)["detail"].startswith("to_assignee: ")


def test_a_multipart_letter_with_nul_in_a_code_is_a_400_and_keeps_nothing(
    cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    response = client_for(cast.agent).post(
        "/api/letters/",
        {"received_on": "2026-03-09", "motive": "x\x00", "subject": "s", "kind": "request"},
        format="multipart",
    )

    assert assert_refused(response)["detail"].startswith("motive: ")
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/api/motives/%00/facts/",
        "/api/customers/P%00/facts/",
        "/api/compliance/indicators/T3.1-a%00/verdicts/?month=2026-02",
        "/api/telephony/queues/%00/wait-estimate/",
    ],
)
def test_a_nul_in_the_path_names_nothing_a_404_in_the_api_shape(
    path: str, cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    # (PostgreSQL refuses a NUL even in a lookup: this was a 500 there)
    response = client_for(cast.administrator).get(path)

    assert_refused(response, status=404, code="not_found")


@pytest.mark.parametrize(
    "query",
    [
        "/api/compliance/results/?scheme=%00&month=2026-02",
        "/api/compliance/closings/?scheme=%00",
        "/api/cases/?team=front%00",
        "/api/cases/?assignee=%00",
        "/api/nonconformities/?scheme=%00",
        "/api/telephony/measures/?date=2026-03-10&queue=%00",
    ],
)
def test_a_nul_in_the_query_string_is_a_400_naming_the_field(
    query: str, cast: Cast, client_for: ClientFor, frozen_now: datetime
) -> None:
    response = client_for(cast.administrator).get(query)

    field = query.split("%00")[0].rsplit("&", 1)[-1].rsplit("?", 1)[-1].split("=")[0]
    assert assert_refused(response)["detail"].startswith(f"{field}: ")
