"""Evidence pages: who sees them, the request form, the polled progress, the downloads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.utils import translation
from pytest_django import Settings

from pacte.conftest import Cast, paris
from pacte.evidence.models import EvidencePack, PackStatus
from pacte.evidence.services import evidence_pack_request
from pacte.evidence.tasks import evidence_pack_build_task
from pacte.evidence.tests.conftest import build_march
from pacte.evidence.tests.helpers import pack_workbook, workbook
from pacte.workspace.tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

NOW = paris(2026, 4, 15, 12)
ALLOWED = ("quality_manager", "auditor", "administrator")
REFUSED = tuple(role for role in ROLES if role not in ALLOWED)
HOME = "/evidence/"


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def april() -> Iterator[datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


def queued(cast: Cast, **extra: object) -> EvidencePack:
    with translation.override("en"):
        return evidence_pack_request(
            scheme_code="telecom-2004",
            year=2026,
            month=3,
            sample_size=3,
            seed=extra.pop("seed", 777),  # type: ignore[arg-type]
            requested_by=cast.auditor,
        )


def done(cast: Cast) -> EvidencePack:
    pack = queued(cast)
    evidence_pack_build_task.call(pack.pk)
    pack.refresh_from_db()
    return pack


def en(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize("role", ALLOWED)
def test_evidence_roles_see_the_list_form_and_menu(client, cast, april, role):
    pack = queued(cast)
    response = en(client_for(client, cast, role)).get(HOME)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/evidence/"' in html  # the menu entry
    assert f'href="/evidence/{pack.pk}/"' in html
    assert 'name="seed"' in html
    assert 'value="2026-03"' in html  # last complete month by default


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_get_403_everywhere_and_change_nothing(client, cast, april, role):
    pack = done(cast)
    client = client_for(client, cast, role)
    for url in (
        HOME,
        f"/evidence/{pack.pk}/",
        f"/evidence/{pack.pk}/progress/",
        f"/evidence/{pack.pk}/xlsx/",
        f"/evidence/{pack.pk}/pdf/",
    ):
        assert client.get(url).status_code == 403, url
    body = {"scheme": "telecom-2004", "month": "2026-03", "size": "5"}
    assert client.post(HOME, body).status_code == 403
    assert EvidencePack.objects.count() == 1


@pytest.mark.parametrize("role", ["supervisor", "agent"])
def test_no_menu_entry_for_staff_without_evidence(client, cast, april, role):
    html = en(client_for(client, cast, role)).get("/queue/").content.decode()
    assert 'href="/evidence/"' not in html


def test_anonymous_is_sent_to_login(client, cast, april):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_request_form_queues_a_pack_and_shows_it(
    client, cast, april, django_capture_on_commit_callbacks
):
    client = en(client_for(client, cast, "quality_manager"))
    body = {"scheme": "telecom-2004", "month": "2026-03", "size": "5", "seed": "12345"}
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(HOME, body)
    pack = EvidencePack.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/evidence/{pack.pk}/"
    assert (pack.sample_size, pack.seed, pack.requested_by) == (5, 12345, cast.quality_manager)
    assert pack.language == "en"
    assert len(callbacks) == 1
    page = client.get(response["Location"]).content.decode()
    assert "12345" in page
    assert 'hx-trigger="every 2s"' in page


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scheme": "telecom-2004", "month": "2026-13", "size": "5"}, "month"),
        ({"scheme": "telecom-2004", "month": "", "size": "5"}, "month"),
        ({"scheme": "nope", "month": "2026-03", "size": "5"}, "scheme"),
        ({"scheme": "telecom-2004", "month": "2026-03", "size": "0"}, "size"),
        ({"scheme": "telecom-2004", "month": "2026-03", "size": "501"}, "size"),
        ({"scheme": "telecom-2004", "month": "2026-03", "size": "5", "seed": "-3"}, "seed"),
        ({"scheme": "telecom-2004", "month": "2026-03", "size": "5", "seed": "abc"}, "seed"),
    ],
)
def test_bad_input_is_shown_on_the_form(client, cast, april, body, field):
    response = en(client_for(client, cast, "auditor")).post(HOME, body)
    assert response.status_code == 200
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not EvidencePack.objects.exists()


def test_progress_fragment_polls_while_running_then_stops(client, cast, april):
    build_march(cast)
    pack = queued(cast)
    client = en(client_for(client, cast, "auditor"))
    url = f"/evidence/{pack.pk}/progress/"
    EvidencePack.objects.filter(pk=pack.pk).update(
        status=PackStatus.RUNNING, progress=50, step="sample"
    )
    running = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in running
    assert 'value="50"' in running
    assert "Drawing the sample" in running
    assert "<html" not in running  # a fragment
    EvidencePack.objects.filter(pk=pack.pk).update(status=PackStatus.QUEUED, progress=0, step="")
    evidence_pack_build_task.call(pack.pk)
    finished = client.get(url).content.decode()
    assert "hx-trigger" not in finished
    assert 'value="100"' in finished
    assert f"/evidence/{pack.pk}/xlsx/" in finished
    assert f"/evidence/{pack.pk}/pdf/" in finished


def test_a_failed_pack_shows_its_reason(client, cast, april):
    pack = queued(cast)
    EvidencePack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error="Boom: no disk")
    html = en(client_for(client, cast, "auditor")).get(f"/evidence/{pack.pk}/").content.decode()
    assert "Boom: no disk" in html
    assert "hx-trigger" not in html
    assert "/xlsx/" not in html


@pytest.mark.parametrize("role", ALLOWED)
def test_downloads_are_attachments_for_evidence_roles(client, cast, april, role):
    build_march(cast)
    pack = done(cast)
    client = client_for(client, cast, role)
    xlsx = client.get(f"/evidence/{pack.pk}/xlsx/")
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].startswith("attachment;")
    assert pack.file_name("xlsx") in xlsx["Content-Disposition"]
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert workbook(xlsx.content).sheetnames == pack_workbook(pack).sheetnames
    pdf = client.get(f"/evidence/{pack.pk}/pdf/")
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf.content.startswith(b"%PDF")


def test_files_of_an_unfinished_pack_or_unknown_format_are_404(client, cast, april):
    pack = queued(cast)
    client = client_for(client, cast, "auditor")
    assert client.get(f"/evidence/{pack.pk}/xlsx/").status_code == 404
    assert client.get(f"/evidence/{pack.pk}/pdf/").status_code == 404
    assert client.get(f"/evidence/{pack.pk}/csv/").status_code == 404
    assert client.get("/evidence/999999/").status_code == 404


def test_files_are_not_served_from_media_url(client, cast, april):
    # given a built pack, its file in storage under evidence/
    pack = done(cast)
    assert pack.xlsx.name.startswith("evidence/")
    client = client_for(client, cast, "auditor")
    # then the storage path is not reachable: only the checked view serves it
    assert client.get(f"/media/{pack.xlsx.name}").status_code == 404
    assert client.get(f"/evidence/{pack.pk}/xlsx/").status_code == 200


@pytest.mark.parametrize("count", [2, 8])
def test_list_runs_a_fixed_number_of_queries(
    client, cast, april, django_assert_max_num_queries, count
):
    for seed in range(count):
        queued(cast, seed=seed)
    client = client_for(client, cast, "auditor")
    client.get(HOME)  # warm the session
    with django_assert_max_num_queries(6):
        response = client.get(HOME)
    assert response.content.decode().count("data-pack=") == count
