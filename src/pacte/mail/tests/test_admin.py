"""The admin's quarantine list: read-only raw message and the "retry parse" action."""

from __future__ import annotations

import pytest

from pacte.conftest import paris
from pacte.factories import MotiveFactory
from pacte.intake.models import ChannelRoute
from pacte.mail.filing import inbound_parse
from pacte.mail.imap import Fetched
from pacte.mail.intake import inbound_store
from pacte.mail.models import InboundMessage, InboundStatus, Mailbox
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, cast):
    cast.administrator.is_superuser = True
    cast.administrator.save()
    client.force_login(cast.administrator)
    return client


def _quarantined() -> InboundMessage:
    mailbox = Mailbox.objects.create(name="box", host="h", username="u", password_env="P")
    inbound, _stored = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=1, internaldate=paris(2026, 3, 10, 8), raw=email_bytes()),
    )
    return inbound_parse(inbound_id=inbound.pk)


def test_admin_lists_and_shows_quarantined_message_read_only(admin_client, frozen_now):
    inbound = _quarantined()
    listing = admin_client.get("/admin/mail/inboundmessage/?status=quarantined")
    assert listing.status_code == 200
    assert "no_route_for_email" in listing.content.decode()
    detail = admin_client.get(f"/admin/mail/inboundmessage/{inbound.pk}/change/")
    assert "Hello, my line has been down" in detail.content.decode()
    assert admin_client.post(f"/admin/mail/inboundmessage/{inbound.pk}/delete/").status_code == 403


def test_admin_retry_action_files_the_message_once_the_route_exists(
    admin_client, cast, frozen_now, django_capture_on_commit_callbacks
):
    inbound = _quarantined()
    ChannelRoute.objects.create(channel="email", team=cast.front, motive=MotiveFactory.create())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/mail/inboundmessage/",
            {"action": "retry_parse", "_selected_action": [inbound.pk]},
        )
    assert response.status_code == 302
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.PARSED
    assert inbound.case is not None
