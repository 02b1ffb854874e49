"""Evidence-pack endpoints by role: request (202 + Location), follow, download."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from django.utils import translation
from pytest_django import Settings

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.conftest import Cast, paris
from pacte.evidence.models import EvidencePack
from pacte.evidence.services import evidence_pack_request
from pacte.evidence.tasks import evidence_pack_build_task
from pacte.evidence.tests.conftest import build_march
from pacte.evidence.tests.helpers import pdf_text, sample_rows, workbook

pytestmark = pytest.mark.django_db

NOW = paris(2026, 4, 15, 12)
ALLOWED = ("quality_manager", "auditor", "administrator")
REFUSED = tuple(role for role in ROLES if role not in ALLOWED)
URL = "/api/evidence-packs/"
BODY = {"scheme": "telecom-2004", "month": "2026-03", "size": 3, "seed": 2024}


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def april() -> Iterator[datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


def queued(cast: Cast) -> EvidencePack:
    with translation.override("en"):
        return evidence_pack_request(
            scheme_code="telecom-2004",
            year=2026,
            month=3,
            sample_size=3,
            seed=55,
            requested_by=cast.quality_manager,
        )


def done(cast: Cast) -> EvidencePack:
    pack = queued(cast)
    evidence_pack_build_task.call(pack.pk)
    pack.refresh_from_db()
    return pack


@pytest.mark.parametrize("role", ALLOWED)
def test_post_queues_a_pack_202_with_location(
    cast, april, client_for: ClientFor, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(cast.by_role_name(role)).post(URL, BODY, format="json")
    assert response.status_code == 202, response.json()
    pack = EvidencePack.objects.get()
    assert response["Location"] == f"http://testserver/api/evidence-packs/{pack.pk}/"
    body = response.json()
    assert body["status"] == "queued"
    assert (body["seed"], body["sample_size"], body["month"]) == (2024, 3, "2026-03")
    assert body["xlsx_url"] is None
    assert body["requested_by"] == cast.by_role_name(role).username
    assert len(callbacks) == 1


def test_post_without_seed_draws_one(cast, april, client_for: ClientFor):
    body = {"scheme": "telecom-2004", "month": "2026-03"}
    response = client_for(cast.auditor).post(URL, body, format="json")
    assert response.status_code == 202
    assert response.json()["seed"] == EvidencePack.objects.get().seed
    assert response.json()["sample_size"] == 20


@pytest.mark.parametrize("role", [*REFUSED, None])
def test_post_by_others_is_404_or_401_and_creates_nothing(cast, april, client_for: ClientFor, role):
    response = client_for(user_or_none(cast, role)).post(URL, BODY, format="json")
    assert response.status_code == (401 if role is None else 404)
    assert set(response.json()) == {"code", "detail"}
    assert not EvidencePack.objects.exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"month": "2026-13"}, "invalid"),
        ({"month": "March"}, "invalid"),
        ({"size": 0}, "invalid"),
        ({"size": 501}, "invalid"),
        ({"seed": -1}, "invalid"),
        ({"seed": 2**53}, "invalid"),
        ({"scheme": "nope"}, "unknown_scheme"),
    ],
)
def test_bad_input_is_a_400_with_code(cast, april, client_for: ClientFor, change, code):
    response = client_for(cast.auditor).post(URL, {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not EvidencePack.objects.exists()


@pytest.mark.parametrize("role", ALLOWED)
def test_detail_and_downloads_for_evidence_roles(cast, april, client_for: ClientFor, role):
    build_march(cast)
    pack = done(cast)
    client = client_for(cast.by_role_name(role))
    body = client.get(f"{URL}{pack.pk}/").json()
    assert (body["status"], body["progress"], body["seed"]) == ("done", 100, 55)
    assert body["closing_seal"] is None
    assert body["xlsx_url"] == f"http://testserver{URL}{pack.pk}/xlsx/"
    xlsx = client.get(body["xlsx_url"])
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].startswith("attachment;")
    assert len(sample_rows(workbook(xlsx.content)["T3.1"])) == 3
    pdf = client.get(body["pdf_url"])
    assert pdf["Content-Type"] == "application/pdf"
    assert "55" in pdf_text(pdf.content)


@pytest.mark.parametrize("role", [*REFUSED, None])
def test_others_cannot_read_a_pack(cast, april, client_for: ClientFor, role):
    pack = done(cast)
    client = client_for(user_or_none(cast, role))
    for suffix in ("", "xlsx/", "pdf/"):
        response = client.get(f"{URL}{pack.pk}/{suffix}")
        assert response.status_code == (401 if role is None else 404), suffix


def test_files_of_a_queued_pack_are_409(cast, april, client_for: ClientFor):
    pack = queued(cast)
    client = client_for(cast.auditor)
    for suffix in ("xlsx/", "pdf/"):
        response = client.get(f"{URL}{pack.pk}/{suffix}")
        assert response.status_code == 409
        assert response.json()["code"] == "evidence_pack_not_ready"
    assert client.get(f"{URL}999999/").status_code == 404
