"""/api/nonconformities/: every endpoint by role, refusals as {code, detail}, and an
outsider (agent, customer, distributor) gets 404 and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.conftest import Cast
from pacte.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    NonConformity,
    NonConformityEvent,
    Status,
)
from pacte.nonconformities.services import corrective_action_complete, nonconformity_check
from pacte.nonconformities.tests.conftest import (
    AFTER_APRIL,
    AFTER_MARCH,
    INDICATOR,
    build_month,
    planned,
    raise_march,
)

READERS = ("supervisor", "quality_manager", "auditor", "administrator")
OUTSIDERS = ("customer_user", "other_customer_user", "agent", "other_agent", "distributor_user")
MISSED = {
    "source": "missed_target",
    "scheme": "telecom-2004",
    "month": "2026-03",
    "indicator": INDICATOR,
}
FINDING = {
    "source": "audit_finding",
    "scheme": "telecom-2004",
    "month": "2026-03",
    "commitment": "T3.3",
    "title": "Hand-off notes too short",
    "description": "Sampled hand-offs carry one-word notes.",
}


def expected(role: str | None, *, allowed: tuple[str, ...], success: int = 200) -> int:
    if role is None:
        return 401
    if role in OUTSIDERS:
        return 404
    return success if role in allowed else 403


@pytest.fixture
def after_march(cast: Cast) -> Iterator[None]:
    with time_machine.travel(AFTER_MARCH, tick=False):
        yield


@pytest.fixture
def march(cast: Cast, version: Any) -> NonConformity:
    build_month(cast, 3, passed=1, failed=2)
    return raise_march(cast, version)


@pytest.fixture
def version(db: None) -> Any:
    from pacte.compliance.tests.conftest import telecom_version

    return telecom_version()


def event_count() -> int:
    return NonConformityEvent.objects.count()


@pytest.mark.parametrize("role", [*ROLES, None])
def test_list_by_role(role, cast, client_for: ClientFor, march, after_march):
    response = client_for(user_or_none(cast, role)).get("/api/nonconformities/")
    assert response.status_code == expected(role, allowed=READERS)
    if response.status_code == 200:
        (row,) = response.json()["results"]
        assert (row["reference"], row["status"], row["indicator"]) == (
            "NC-2026-0001",
            "open",
            INDICATOR,
        )
        assert (row["rate"], row["numerator"], row["denominator"]) == ("33.33", 1, 3)
    else:
        assert set(response.json()) >= {"code", "detail"}


@pytest.mark.parametrize("role", [*ROLES, None])
def test_detail_by_role(role, cast, client_for: ClientFor, march, after_march):
    response = client_for(user_or_none(cast, role)).get(f"/api/nonconformities/{march.pk}/")
    assert response.status_code == expected(role, allowed=READERS)
    if response.status_code == 200:
        body = response.json()
        assert body["month"] == "2026-03"
        assert [event["kind"] for event in body["events"]] == ["raised"]


def test_unknown_nonconformity_is_404(cast, client_for: ClientFor, after_march):
    response = client_for(cast.auditor).get("/api/nonconformities/999/")
    assert response.status_code == 404
    assert response.json()["code"] == "nonconformity_not_found"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_raise_missed_target_by_role(role, cast, client_for: ClientFor, after_march):
    build_month(cast, 3, passed=1, failed=2)
    response = client_for(user_or_none(cast, role)).post(
        "/api/nonconformities/", MISSED, format="json"
    )
    assert response.status_code == expected(role, allowed=("quality_manager",), success=201)
    assert NonConformity.objects.exists() == (response.status_code == 201)
    if response.status_code == 201:
        assert response.json()["figures_source"] == "live"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_raise_audit_finding_by_role(role, cast, client_for: ClientFor, after_march):
    response = client_for(user_or_none(cast, role)).post(
        "/api/nonconformities/", FINDING, format="json"
    )
    allowed = ("quality_manager", "auditor")
    assert response.status_code == expected(role, allowed=allowed, success=201)
    assert NonConformity.objects.exists() == (response.status_code == 201)


def test_raising_twice_is_a_409(cast, client_for: ClientFor, march, after_march):
    response = client_for(cast.quality_manager).post("/api/nonconformities/", MISSED, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "already_raised"
    assert "NC-2026-0001" in response.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"indicator": ""}, 400, "invalid"),
        ({"month": "2026-13"}, 400, "invalid"),
        ({"scheme": "nope"}, 400, "unknown_scheme"),
        ({"month": "2026-04"}, 400, "month_not_ended"),
        ({"indicator": "T1.1-a"}, 400, "indicator_has_no_data"),
    ],
)
def test_raise_refusals(cast, client_for: ClientFor, after_march, changes, status, code):
    build_month(cast, 3, passed=1, failed=2)
    response = client_for(cast.quality_manager).post(
        "/api/nonconformities/", {**MISSED, **changes}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not NonConformity.objects.exists()


def test_audit_finding_without_commitment_is_invalid(cast, client_for: ClientFor, after_march):
    body = {**FINDING, "commitment": ""}
    response = client_for(cast.auditor).post("/api/nonconformities/", body, format="json")
    assert response.status_code == 400
    assert response.json()["field_errors"]["commitment"]


STEPS: dict[str, dict[str, Any]] = {
    "cause": {"cause": "Back office short-staffed."},
    "actions": {
        "description": "Two more agents.",
        "owner": "supervisor",
        "due_on": "2026-04-20",
        "check_month": "2026-04",
    },
}


@pytest.mark.parametrize("role", [*ROLES, None])
@pytest.mark.parametrize("step", list(STEPS))
def test_cause_and_plan_by_role(role, step, cast, client_for: ClientFor, march, after_march):
    if step == "actions":
        march.cause = "Known."
        march.status = Status.CAUSE_ANALYSED
        march.save()
    before = event_count()
    response = client_for(user_or_none(cast, role)).post(
        f"/api/nonconformities/{march.pk}/{step}/", STEPS[step], format="json"
    )
    assert response.status_code == expected(role, allowed=("quality_manager",))
    assert event_count() == before + (response.status_code == 200)


def test_plan_refusals_are_reported(cast, client_for: ClientFor, march, after_march):
    client = client_for(cast.quality_manager)
    url = f"/api/nonconformities/{march.pk}/actions/"
    early = client.post(url, STEPS["actions"], format="json")
    assert (early.status_code, early.json()["code"]) == (409, "wrong_status")
    client.post(f"/api/nonconformities/{march.pk}/cause/", STEPS["cause"], format="json")
    for changes, code in (
        ({"owner": "agent"}, "unknown_owner"),
        ({"check_month": "2026-03"}, "check_month_too_early"),
        ({"due_on": "2026-03-01"}, "due_in_past"),
        ({"due_on": "tomorrow"}, "invalid"),
    ):
        response = client.post(url, {**STEPS["actions"], **changes}, format="json")
        assert (response.status_code, response.json()["code"]) == (400, code)
    assert not CorrectiveAction.objects.exists()


@pytest.mark.parametrize("role", [*ROLES, None])
def test_complete_by_role(role, cast, client_for: ClientFor, march, after_march):
    action = planned(cast, march)
    response = client_for(user_or_none(cast, role)).post(
        f"/api/nonconformities/{march.pk}/actions/{action.pk}/complete/",
        {"note": "Done."},
        format="json",
    )
    # the supervisor owns the action
    assert response.status_code == expected(role, allowed=("quality_manager", "supervisor"))
    action.refresh_from_db()
    assert (action.status == ActionStatus.DONE) == (response.status_code == 200)


def test_action_of_another_nonconformity_is_404(cast, client_for: ClientFor, march, after_march):
    action = planned(cast, march)
    response = client_for(cast.quality_manager).post(
        f"/api/nonconformities/{march.pk + 1}/actions/{action.pk}/complete/", {}, format="json"
    )
    assert response.status_code == 404


@pytest.fixture
def done(cast: Cast, march: NonConformity) -> NonConformity:
    """March's non-conformity with its action done and April all in time."""
    action = planned(cast, march)
    corrective_action_complete(action=action, actor=cast.supervisor, now=AFTER_MARCH)
    build_month(cast, 4, passed=2, failed=0)
    march.refresh_from_db()
    return march


@pytest.mark.parametrize("role", [*ROLES, None])
def test_check_by_role(role, cast, client_for: ClientFor, done):
    with time_machine.travel(AFTER_APRIL, tick=False):
        response = client_for(user_or_none(cast, role)).post(
            f"/api/nonconformities/{done.pk}/check/", {}, format="json"
        )
    assert response.status_code == expected(role, allowed=("quality_manager",))
    if response.status_code == 200:
        (check,) = response.json()["checks"]
        assert (check["month"], check["effective"], check["rate"]) == ("2026-04", True, "100.00")
        assert response.json()["status"] == "effective"
    else:
        assert not done.checks.exists()


def test_check_before_the_month_ends_is_a_409(cast, client_for: ClientFor, done, after_march):
    response = client_for(cast.quality_manager).post(
        f"/api/nonconformities/{done.pk}/check/", {}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "check_month_not_ended")


@pytest.mark.parametrize("role", [*ROLES, None])
def test_close_by_role(role, cast, client_for: ClientFor, done):
    nonconformity_check(nonconformity=done, actor=cast.quality_manager, now=AFTER_APRIL)
    with time_machine.travel(AFTER_APRIL, tick=False):
        response = client_for(user_or_none(cast, role)).post(
            f"/api/nonconformities/{done.pk}/close/", {"note": "Back on target."}, format="json"
        )
    assert response.status_code == expected(role, allowed=("quality_manager",))
    done.refresh_from_db()
    assert (done.status == Status.CLOSED) == (response.status_code == 200)


def test_list_filters(cast, client_for: ClientFor, march, after_march):
    planned(cast, march, due_on=date(2026, 4, 2))
    client = client_for(cast.auditor)
    assert len(client.get("/api/nonconformities/?status=closed").json()["results"]) == 0
    assert len(client.get("/api/nonconformities/?scheme=nf-x50-798").json()["results"]) == 0
    assert client.get("/api/nonconformities/?status=bogus").status_code == 400
    with time_machine.travel(AFTER_APRIL, tick=False):
        (row,) = client.get("/api/nonconformities/?overdue=true").json()["results"]
    assert (row["overdue_actions"], row["next_due"]) == (1, "2026-04-02")


@pytest.mark.parametrize("role", [*ROLES, None])
def test_cancel_by_role(role, cast, client_for: ClientFor, march, after_march):
    action = planned(cast, march)
    before = event_count()
    response = client_for(user_or_none(cast, role)).post(
        f"/api/nonconformities/{march.pk}/actions/{action.pk}/cancel/",
        {"reason": "Wrong owner."},
        format="json",
    )
    assert response.status_code == expected(role, allowed=("quality_manager",))
    action.refresh_from_db()
    assert (action.status == ActionStatus.CANCELLED) == (response.status_code == 200)
    assert event_count() == before + (response.status_code == 200)
    if response.status_code == 200:
        assert response.json()["status"] == "cause_analysed"


NC_STEP_ERRORS = {"400", "401", "403", "404", "409"}
NC_DECLARED_ERRORS = {
    ("/api/nonconformities/", "get"): {"400", "401", "404"},
    ("/api/nonconformities/", "post"): NC_STEP_ERRORS,
    ("/api/nonconformities/{nc_id}/", "get"): {"401", "404"},
    **{
        (f"/api/nonconformities/{{nc_id}}/{step}/", "post"): NC_STEP_ERRORS
        for step in (
            "cause",
            "actions",
            "actions/{action_id}/complete",
            "actions/{action_id}/cancel",
            "check",
            "close",
        )
    },
}


def test_schema_declares_every_nonconformity_operation_and_its_errors():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {
        (path, method)
        for path, item in schema["paths"].items()
        for method in item
        if path.startswith("/api/nonconformities/")
    }
    assert operations == set(NC_DECLARED_ERRORS)
    for (path, method), errors in NC_DECLARED_ERRORS.items():
        responses = schema["paths"][path][method]["responses"]
        # 413 and 415: declared by every operation with a body (see test_schema)
        assert set(responses) - {"200", "201", "413", "415"} == errors
        for code in errors:
            ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/Error"
