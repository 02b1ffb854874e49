"""The admin: channel routes are edited; attachments, letters and submissions are read only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pacte.cases.models import Motive
from pacte.conftest import Cast
from pacte.core.vocabulary import Channel
from pacte.intake.models import Attachment, ChannelRoute

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, cast: Cast) -> Client:
    cast.administrator.is_superuser = True
    cast.administrator.save()
    client.force_login(cast.administrator)
    return client


def test_an_administrator_adds_a_channel_route(
    admin_client: Client, cast: Cast, motive: Motive
) -> None:
    response = admin_client.post(
        reverse("admin:intake_channelroute_add"),
        {"channel": Channel.LETTER, "team": cast.back.pk, "motive": motive.pk, "kind": "request"},
    )
    assert response.status_code == 302
    route = ChannelRoute.objects.get(channel=Channel.LETTER)
    assert route.team == cast.back


@pytest.mark.parametrize("model", ["attachment", "letter", "websubmission"])
def test_received_records_are_listed_but_not_added(admin_client: Client, model: str) -> None:
    assert admin_client.get(reverse(f"admin:intake_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:intake_{model}_add")).status_code == 403


def test_an_attachment_cannot_be_changed_or_deleted(admin_client: Client) -> None:
    attachment = Attachment.objects.create(
        channel=Channel.WEB, original_name="a.pdf", file="x.pdf", size=1, content_type="a/b"
    )
    page = admin_client.get(reverse("admin:intake_attachment_change", args=[attachment.pk]))
    assert page.status_code == 200  # the view page
    assert b'name="_save"' not in page.content
    delete = admin_client.post(reverse("admin:intake_attachment_delete", args=[attachment.pk]))
    assert delete.status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()
