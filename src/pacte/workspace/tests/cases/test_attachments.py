"""Attachments: downloaded by whoever may read the case, never rendered by the browser."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import Settings

from pacte.cases.models import Case
from pacte.conftest import Cast
from pacte.core.vocabulary import Channel
from pacte.intake.files import attachment_store
from pacte.intake.models import Attachment
from pacte.workspace.tests.conftest import ROLES, Cases, login

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"
# Who may read cases.front (the customer's case in team front, raised by the distributor).
READS_FRONT = {
    "agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "administrator",
    "customer_user",
    "distributor_user",
}


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def attach(case: Case | None, name: str = "facture.pdf", content: bytes = PDF) -> Attachment:
    attachment = attachment_store(name=name, content=content, channel=Channel.EMAIL)
    attachment.case = case
    attachment.save()
    return attachment


def download(client: Client, attachment: Attachment) -> Downloaded:
    """The response, its file read and closed."""
    response = client.get(reverse("workspace:attachment", args=[attachment.pk]))
    body = b"".join(response.streaming_content) if response.streaming else b""  # type: ignore[attr-defined]
    response.close()
    return Downloaded(response.status_code, response.headers, body)


@dataclass
class Downloaded:
    status_code: int
    headers: Any
    body: bytes

    def __getitem__(self, header: str) -> str:
        return str(self.headers[header])


@pytest.mark.parametrize("role", ROLES)
def test_whoever_reads_the_case_downloads_its_attachments(
    client: Client, cast: Cast, cases: Cases, role: str
) -> None:
    attachment = attach(cases.front)
    response = download(login(client, cast.by_role_name(role)), attachment)
    if role in READS_FRONT:
        assert response.status_code == 200
        assert response.body == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="facture.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
    else:
        assert response.status_code == 404


def test_anonymous_visitors_must_log_in(client: Client, cases: Cases) -> None:
    response = download(client, attach(cases.front))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_attachment_without_case_is_nobodys(client: Client, cast: Cast) -> None:
    # e.g. a visitor's upload awaiting email verification
    assert download(login(client, cast.administrator), attach(None)).status_code == 404


def test_an_unknown_attachment_is_a_404(client: Client, cast: Cast) -> None:
    response = login(client, cast.administrator).get("/attachments/999999/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.html", HTML), ("facture.pdf", HTML), ("image.svg", SVG), ("a.bin", bytes(range(256)))],
)
def test_markup_and_unknown_types_are_served_as_octet_stream(
    client: Client, cast: Cast, cases: Cases, name: str, content: bytes
) -> None:
    response = download(login(client, cast.agent), attach(cases.front, name, content))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_hostile_file_name_is_not_a_header_injection(
    client: Client, cast: Cast, cases: Cases
) -> None:
    attachment = attach(cases.front, name='a"\r\nSet-Cookie: x=1.pdf')
    response = download(login(client, cast.agent), attachment)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response["Content-Disposition"].startswith("attachment;")


def test_post_is_not_allowed(client: Client, cast: Cast, cases: Cases) -> None:
    attachment = attach(cases.front)
    response = login(client, cast.agent).post(reverse("workspace:attachment", args=[attachment.pk]))
    assert response.status_code == 405


def test_the_case_page_lists_attachments_with_a_fixed_number_of_queries(
    client: Client, cast: Cast, cases: Cases
) -> None:
    client = login(client, cast.agent)
    url = reverse("workspace:case", args=[cases.front.pk])
    attach(cases.front, "one.pdf")
    client.get(url)  # warm the calendar and scheme caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(4):
        attach(cases.front, f"more-{number}.pdf")
    with CaptureQueriesContext(connection) as five:
        page = client.get(url).content.decode()
    assert len(five) == len(one)
    for name in ("one.pdf", "more-0.pdf", "more-3.pdf"):
        assert name in page
    assert (
        reverse("workspace:attachment", args=[Attachment.objects.get(original_name="one.pdf").pk])
        in page
    )


def test_a_case_without_attachments_shows_no_section(
    client: Client, cast: Cast, cases: Cases
) -> None:
    page = login(client, cast.agent).get(reverse("workspace:case", args=[cases.front.pk]))
    assert "case-attachments" not in page.content.decode()
