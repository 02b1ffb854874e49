"""The administrator's access page screen: permissions per role, editing the draft,
preview, publishing with confirmation, history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pacte.access.models import (
    AccessEvent,
    AccessEventKind,
    ChannelEntry,
    PageDraft,
    Publication,
    ServiceEntry,
)
from pacte.access.tests.builders import page_build, publish_at
from pacte.conftest import paris
from pacte.workspace.tests.conftest import ROLES

HOME = "/access-page/"
READERS = ("quality_manager", "auditor", "administrator")
OUTSIDERS = tuple(role for role in ROLES if role not in READERS)
CHANNEL = {
    "kind": "phone",
    "label_fr": "Téléphone",
    "label_en": "Phone",
    "address": "3970",
    "hours_fr": "8 h to 20 h",
    "hours_en": "8 am to 8 pm",
    "price_fr": "Appel gratuit",
    "price_en": "Free call",
    "order": "0",
    "published": "on",
}


@pytest.fixture
def draft(cast, frozen_now):
    page_build(cast.administrator)


def test_home_url():
    assert reverse("workspace:access_page") == HOME


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_draft_and_history(client, cast, draft, role):
    publish_at(cast.administrator, paris(2026, 3, 1, 10))
    client.force_login(cast.by_role_name(role))
    body = client.get(HOME, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert body.count("<tr data-channel=") == 4
    assert body.count("<tr data-publication=") == 1
    assert 'data-event="published"' in body
    assert ("Add a channel" in body) is (role == "administrator")


@pytest.mark.parametrize("role", OUTSIDERS)
def test_everyone_else_gets_a_403_and_changes_nothing(client, cast, draft, role):
    client.force_login(cast.by_role_name(role))
    assert client.get(HOME).status_code == 403
    assert client.post("/access-page/channels/add/", CHANNEL).status_code == 403
    assert client.post("/access-page/publish/").status_code == 403
    assert ChannelEntry.objects.count() == 4
    assert not Publication.objects.exists()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", ["quality_manager", "auditor"])
def test_readers_may_not_edit_nor_publish(client, cast, draft, role):
    client.force_login(cast.by_role_name(role))
    channel = ChannelEntry.objects.earliest("pk")
    assert client.get("/access-page/channels/add/").status_code == 403
    assert client.post("/access-page/channels/add/", CHANNEL).status_code == 403
    assert client.post(f"/access-page/channels/{channel.pk}/remove/").status_code == 403
    assert client.post("/access-page/publish/").status_code == 403
    assert client.get("/access-page/preview/").status_code == 200
    assert ChannelEntry.objects.count() == 4
    assert not Publication.objects.exists()


def test_administrator_adds_edits_and_removes_a_channel(client, cast, frozen_now):
    client.force_login(cast.administrator)
    # when a channel is added
    response = client.post("/access-page/channels/add/", CHANNEL)
    assert response.status_code == 302
    channel = ChannelEntry.objects.get()
    assert (channel.address, channel.price_en) == ("3970", "Free call")
    # when its hours are changed
    edited = {**CHANNEL, "hours_en": "9 am to 6 pm"}
    assert client.post(f"/access-page/channels/{channel.pk}/edit/", edited).status_code == 302
    channel.refresh_from_db()
    assert channel.hours_en == "9 am to 6 pm"
    # when it is removed (after the confirmation page)
    assert client.get(f"/access-page/channels/{channel.pk}/remove/").status_code == 200
    assert client.post(f"/access-page/channels/{channel.pk}/remove/").status_code == 302
    assert not ChannelEntry.objects.exists()
    # then each change is recorded with its author
    events = list(AccessEvent.objects.values_list("kind", "actor__username"))
    assert events == [
        (AccessEventKind.CHANNEL_ADDED, "admin"),
        (AccessEventKind.CHANNEL_CHANGED, "admin"),
        (AccessEventKind.CHANNEL_REMOVED, "admin"),
    ]
    changed = AccessEvent.objects.get(kind=AccessEventKind.CHANNEL_CHANGED)
    assert changed.details["changes"] == {"hours_en": ["8 am to 8 pm", "9 am to 6 pm"]}


def test_administrator_adds_the_222_service_and_edits_the_footer(client, cast, frozen_now):
    client.force_login(cast.administrator)
    service = {
        "kind": "directory",
        "label_fr": "Renseignements",
        "label_en": "Directory",
        "number": "222",
        "order": "0",
        "published": "on",
    }
    assert client.post("/access-page/services/add/", service).status_code == 302
    assert ServiceEntry.objects.get().number == "222"
    footer = {"bill_footer_fr": "Service client : 3970", "bill_footer_en": "Customer service: 3970"}
    assert client.post("/access-page/footer/", footer).status_code == 302
    assert PageDraft.objects.get().bill_footer_en == "Customer service: 3970"


def test_bad_input_is_a_400_with_the_reason_and_nothing_is_written(client, cast, frozen_now):
    client.force_login(cast.administrator)
    response = client.post("/access-page/channels/add/", {**CHANNEL, "kind": "pigeon"})
    assert response.status_code == 400
    assert "pigeon" in response.content.decode()
    response = client.post("/access-page/channels/add/", {**CHANNEL, "label_fr": ""})
    assert response.status_code == 400
    assert not ChannelEntry.objects.exists()
    assert not AccessEvent.objects.exists()


def test_unknown_part_or_entry_is_a_404(client, cast, frozen_now):
    client.force_login(cast.administrator)
    assert client.get("/access-page/widgets/add/").status_code == 404
    assert client.get("/access-page/channels/999/edit/").status_code == 404
    assert client.post("/access-page/services/999/remove/").status_code == 404


def test_preview_shows_the_draft_then_publish_after_confirmation(client, cast, draft):
    client.force_login(cast.administrator)
    # the preview and the confirmation page show the draft, and publish nothing
    preview = client.get("/access-page/preview/").content.decode()
    assert preview.count('class="access-channel"') == 4
    confirm = client.get("/access-page/publish/")
    assert 'action="/access-page/publish/"' in confirm.content.decode()
    assert not Publication.objects.exists()
    # when the administrator confirms
    response = client.post("/access-page/publish/")
    # then a publication holds a copy of the draft, with who and when
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert (publication.published_by, publication.published_at) == (
        cast.administrator,
        paris(2026, 3, 10, 10),
    )
    assert publication.channels.count() == 4
    assert publication.services.count() == 2
    assert "3970" in client.get("/public/access/").content.decode()


def test_unpublished_entries_are_left_out_of_preview_and_publication(client, cast, draft):
    ChannelEntry.objects.filter(kind="letter").update(published=False)
    client.force_login(cast.administrator)
    assert client.get("/access-page/preview/").content.decode().count('class="access-channel"') == 3
    client.post("/access-page/publish/")
    assert list(Publication.objects.get().channels.values_list("kind", flat=True)) == [
        "phone",
        "web",
        "email",
    ]


def test_home_reads_a_fixed_number_of_queries(client, cast, draft, django_assert_num_queries):
    for day in (1, 2, 3):
        publish_at(cast.administrator, paris(2026, 3, day, 10))
    client.force_login(cast.auditor)
    client.get(HOME)
    with django_assert_num_queries(7):
        client.get(HOME)
