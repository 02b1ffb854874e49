"""After-sales requests (T4.5-b) are filed directly: on the New contact screen, in the
mail room and through the API, each with its T4.5 deadline (docs/operations-sim.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from pacte.cases.models import Case, Clock
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory, grant_past_instants
from pacte.intake.models import ChannelRoute
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db


def _t45_clock(case: Case) -> Clock:
    return Clock.objects.get(case=case, commitment__code="T4.5")


def test_new_contact_offers_after_sales_and_opens_it_with_its_deadline(
    client: Client, cast: Cast, frozen_now: datetime
) -> None:
    # given an agent on a call with the customer
    motive = MotiveFactory.create(code="after-sales", label_en="After-sales")
    client = login(client, cast.agent)
    url = f"/contact/?customer={cast.customer.reference}"
    assert 'value="after_sales"' in client.get(url).content.decode()
    # when they file an after-sales request, not solved, no deadline told
    response = client.post(
        url,
        {
            "channel": "phone",
            "kind": "after_sales",
            "motive": motive.pk,
            "subject": "Handset under warranty",
            "team": cast.front.pk,
            "outcome": "open",
        },
    )
    # then the case is an after-sales request with T4.5's deadline on its page
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == CaseKind.AFTER_SALES
    clock = _t45_clock(case)
    assert case.due_at == clock.due_at
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "T4.5" in page


def test_the_mail_room_files_an_after_sales_letter(
    client: Client, cast: Cast, frozen_now: datetime, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    motive = MotiveFactory.create()
    ChannelRoute.objects.create(channel=Channel.LETTER, team=cast.front, motive=motive)
    client = login(client, grant_past_instants(cast.agent))
    assert 'value="after_sales"' in client.get("/mailroom/").content.decode()
    response = client.post(
        "/mailroom/",
        {
            "received_on": "2026-03-06",
            "scan": SimpleUploadedFile("lettre.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
            "customer_reference": cast.customer.reference,
            "kind": CaseKind.AFTER_SALES,
            "motive": motive.pk,
            "subject": "Réparation",
            "description": "",
            "team": "",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.channel) == (CaseKind.AFTER_SALES, Channel.LETTER)
    assert _t45_clock(case).due_at is not None
