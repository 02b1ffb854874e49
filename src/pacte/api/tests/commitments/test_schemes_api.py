"""The scheme endpoints: each endpoint and role, copy-on-write statuses, {code, detail} errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pytest_django import DjangoAssertNumQueries

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.commitments.models import (
    Commitment,
    Indicator,
    SchemeEvent,
    SchemeVersion,
    VersionStatus,
)
from pacte.commitments.services import scheme_version_draft
from pacte.conftest import Cast

pytestmark = pytest.mark.django_db

READERS = {"supervisor", "quality_manager", "auditor", "administrator"}
BASE = "/api/schemes/telecom-2004/versions"


def expected_read_status(role: str | None) -> int:
    if role is None:
        return 401
    return 200 if role in READERS else 404


def expected_write_status(role: str | None, success: int) -> int:
    if role is None:
        return 401
    if role == "quality_manager":
        return success
    return 403 if role in READERS else 404


@pytest.fixture
def telecom() -> SchemeVersion:
    return SchemeVersion.objects.get(scheme__code="telecom-2004", number=1)


@pytest.fixture
def draft(telecom: SchemeVersion) -> SchemeVersion:
    return scheme_version_draft(version=telecom)


def versions() -> list[tuple[str, int, str]]:
    rows = SchemeVersion.objects.values_list("scheme__code", "number", "status")
    return sorted(rows)


@pytest.mark.parametrize("role", [*ROLES, None])
def test_list_by_role(cast: Cast, client_for: ClientFor, role: str | None) -> None:
    response = client_for(user_or_none(cast, role)).get("/api/schemes/")

    assert response.status_code == expected_read_status(role)
    if response.status_code == 200:
        body = response.json()
        assert [s["code"] for s in body] == ["nf-x50-798", "telecom-2004"]
        assert body[1]["versions"] == [
            {
                "scheme": "telecom-2004",
                "number": 1,
                "status": "active",
                "valid_from": "2004-04-01",
                "notes": body[1]["versions"][0]["notes"],
                "used": False,
            }
        ]
    else:
        assert set(response.json()) == {"code", "detail"}


@pytest.mark.parametrize("role", [*ROLES, None])
def test_tree_by_role(cast: Cast, client_for: ClientFor, role: str | None) -> None:
    response = client_for(user_or_none(cast, role)).get(f"{BASE}/1/")

    assert response.status_code == expected_read_status(role)
    if response.status_code == 200:
        body = response.json()
        assert body["version"]["number"] == 1
        assert [d["number"] for d in body["domains"]] == [1, 2, 3, 4, 5, 6]
        t11 = body["domains"][0]["commitments"][0]
        assert t11["code"] == "T1.1"
        assert t11["indicators"][0] | {"population": "-", "success_rule": "-"} == {
            "code": "T1.1-a",
            "computation": "published_channel_count",
            "title_fr": t11["indicators"][0]["title_fr"],
            "title_en": t11["indicators"][0]["title_en"],
            "population": "-",
            "success_rule": "-",
            "period": "quarter",
            "target": "4.00",
            "target_is_maximum": False,
            "unit": "count",
        }


def test_tree_reads_in_a_fixed_number_of_queries(
    cast: Cast, client_for: ClientFor, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(cast.auditor)
    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}/1/")
    assert response.status_code == 200


def test_unknown_version_is_404(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.auditor).get(f"{BASE}/7/")
    assert response.status_code == 404
    assert response.json()["code"] == "scheme_not_found"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_patch_indicator_by_role(
    cast: Cast, client_for: ClientFor, telecom: SchemeVersion, role: str | None
) -> None:
    response = client_for(user_or_none(cast, role)).patch(
        f"{BASE}/1/indicators/T3.1-a/", {"target": "97.00"}, format="json"
    )

    assert response.status_code == expected_write_status(role, 201)
    if role == "quality_manager":
        assert response.json() == {
            "scheme": "telecom-2004",
            "version": 2,
            "copied_from": 1,
            "changes": {"target": {"before": "95.00", "after": "97.00"}},
        }
        assert response["Location"] == "http://testserver/api/schemes/telecom-2004/versions/2/"
        assert Indicator.objects.get(commitment__version__number=2, code="T3.1-a").target == 97
    else:
        assert versions() == [("nf-x50-798", 1, "active"), ("telecom-2004", 1, "active")]
    assert Indicator.objects.get(commitment__version=telecom, code="T3.1-a").target == 95


def test_patch_on_an_unused_draft_is_in_place(
    cast: Cast, client_for: ClientFor, draft: SchemeVersion
) -> None:
    response = client_for(cast.quality_manager).patch(
        f"{BASE}/2/indicators/T5.1-a/", {"target": "4.5", "unit": "score"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["version"], response.json()["copied_from"]) == (2, None)
    assert "Location" not in response
    assert Indicator.objects.get(commitment__version=draft, code="T5.1-a").target == Decimal("4.5")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"target": "150"}, "scheme_invalid_value"),
        ({"title_en": ""}, "scheme_invalid_value"),
        ({"computation": "x"}, "scheme_field_not_editable"),
        ({"period": "decade"}, "invalid"),
        ({"target": "abc"}, "invalid"),
    ],
)
def test_bad_indicator_input_is_400_and_changes_nothing(
    cast: Cast, client_for: ClientFor, draft: SchemeVersion, body: dict[str, Any], code: str
) -> None:
    response = client_for(cast.quality_manager).patch(
        f"{BASE}/2/indicators/T3.1-a/", body, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not SchemeEvent.objects.exists()


def test_unknown_indicator_is_404(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.quality_manager).patch(
        f"{BASE}/1/indicators/T9.9-z/", {"target": "90"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "scheme_item_not_found"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_patch_commitment_by_role(cast: Cast, client_for: ClientFor, role: str | None) -> None:
    response = client_for(user_or_none(cast, role)).patch(
        f"{BASE}/1/commitments/T3.1/", {"control_frequency": "weekly"}, format="json"
    )

    assert response.status_code == expected_write_status(role, 201)
    frequencies = dict(
        Commitment.objects.filter(code="T3.1", version__scheme__code="telecom-2004").values_list(
            "version__number", "control_frequency"
        )
    )
    if role == "quality_manager":
        assert frequencies == {1: "daily", 2: "weekly"}
    else:
        assert frequencies == {1: "daily"}


def test_commitment_owner_must_be_staff(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.quality_manager).patch(
        f"{BASE}/1/commitments/T3.1/", {"owner_role": "customer"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_activate_by_role(
    cast: Cast, client_for: ClientFor, draft: SchemeVersion, role: str | None
) -> None:
    response = client_for(user_or_none(cast, role)).post(
        f"{BASE}/2/activate/", {"valid_from": "2026-04-01"}, format="json"
    )

    assert response.status_code == expected_write_status(role, 200)
    draft.refresh_from_db()
    if role == "quality_manager":
        assert response.json()["status"] == "active"
        assert (draft.status, draft.valid_from) == (VersionStatus.ACTIVE, date(2026, 4, 1))
    else:
        assert draft.status == VersionStatus.DRAFT


def test_activating_the_active_version_is_refused(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.quality_manager).post(
        f"{BASE}/1/activate/", {"valid_from": "2026-04-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "scheme_version_not_draft"


def test_activate_needs_a_date(cast: Cast, client_for: ClientFor, draft: SchemeVersion) -> None:
    response = client_for(cast.quality_manager).post(f"{BASE}/2/activate/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_list_reads_in_one_query_whatever_the_versions(
    cast: Cast,
    client_for: ClientFor,
    draft: SchemeVersion,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(cast.supervisor)
    with django_assert_max_num_queries(1):
        response = client.get("/api/schemes/")
    assert [v["number"] for v in response.json()[1]["versions"]] == [2, 1]
