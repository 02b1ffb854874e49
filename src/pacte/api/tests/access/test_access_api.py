"""The access page API: the public page without authentication, the draft and publish
for the roles that may."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from pacte.access.models import Publication
from pacte.access.tests.builders import page_build, publish_at
from pacte.conftest import paris

ROLES = (
    "agent",
    "other_agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "administrator",
    "customer_user",
    "other_customer_user",
    "distributor_user",
)
READERS = ("quality_manager", "auditor", "administrator")


@pytest.fixture
def draft(cast, frozen_now):
    page_build(cast.administrator)


def test_public_page_without_authentication(cast, draft, django_assert_num_queries):
    publish_at(cast.administrator, paris(2026, 3, 1, 10))
    with django_assert_num_queries(3):
        response = APIClient().get("/api/access/")
    assert response.status_code == 200
    body = response.json()
    assert [c["kind"] for c in body["channels"]] == ["phone", "web", "email", "letter"]
    phone = body["channels"][0]
    assert (phone["address"], phone["price_en"]) == ("3970", "Price of a local call")
    assert {s["kind"]: s["number"] for s in body["services"]}["directory"] == "222"
    assert body["bill_footer_en"] == "Customer service: 3970"


def test_public_page_reads_the_latest_publication(cast, draft):
    publish_at(cast.administrator, paris(2026, 3, 1, 10))
    latest = publish_at(cast.administrator, paris(2026, 3, 5, 10))
    assert APIClient().get("/api/access/").json()["id"] == latest.pk


def test_nothing_published_is_a_404_with_a_reason(db, frozen_now):
    response = APIClient(headers={"Accept-Language": "en"}).get("/api/access/")
    assert response.status_code == 404
    assert response.json() == {
        "code": "access_nothing_published",
        "detail": "Nothing is published yet.",
    }
    french = APIClient(headers={"Accept-Language": "fr"}).get("/api/access/")
    assert french.json()["detail"] == "Rien n\u2019est encore publié."


def test_draft_needs_authentication(db):
    assert APIClient().get("/api/access/draft/").status_code == 401
    assert APIClient().post("/api/access/draft/publish/").status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_draft_per_role(cast, draft, role):
    client = APIClient()
    client.force_authenticate(cast.by_role_name(role))
    response = client.get("/api/access/draft/")
    if role in READERS:
        assert response.status_code == 200
        assert len(response.json()["channels"]) == 4
        assert response.json()["bill_footer_fr"] == "Service client : 3970"
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_publish_per_role(cast, draft, role):
    client = APIClient()
    client.force_authenticate(cast.by_role_name(role))
    response = client.post("/api/access/draft/publish/")
    expected = {"administrator": 201, "quality_manager": 403, "auditor": 403}.get(role, 404)
    assert response.status_code == expected
    if expected == 201:
        assert len(response.json()["channels"]) == 4
        assert Publication.objects.get().published_by == cast.administrator
    else:
        assert not Publication.objects.exists()
        assert set(response.json()) == {"code", "detail"}
