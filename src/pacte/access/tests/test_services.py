"""Access page services: only the administrator writes, every change is recorded, a
publication is an immutable snapshot of the draft."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pacte.access.errors import AccessError
from pacte.access.models import (
    AccessEvent,
    AccessEventKind,
    ChannelEntry,
    Publication,
    PublishedChannel,
)
from pacte.access.selectors import access_page, publication_in_force
from pacte.access.services import (
    channel_add,
    channel_change,
    channel_remove,
    footer_change,
    page_publish,
    service_add,
    service_remove,
)
from pacte.access.tests.builders import DIRECTORY, PHONE, page_build, publish_at
from pacte.conftest import paris
from pacte.core.append_only import AppendOnlyError
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError

NOT_ADMINISTRATORS = (
    "agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "customer_user",
    "distributor_user",
)


@pytest.mark.parametrize("role", NOT_ADMINISTRATORS)
def test_only_the_administrator_writes(cast, frozen_now, role):
    actor = cast.by_role_name(role)
    with pytest.raises(ForbiddenError) as refused:
        channel_add(actor=actor, data=PHONE)
    assert refused.value.code == AccessError.NOT_ADMINISTRATOR
    with pytest.raises(ForbiddenError):
        page_publish(actor=actor)
    with pytest.raises(ForbiddenError):
        footer_change(actor=actor, bill_footer_fr="x", bill_footer_en="x")
    assert not ChannelEntry.objects.exists()
    assert not Publication.objects.exists()
    assert not AccessEvent.objects.exists()


def test_changes_are_recorded_with_author_and_old_values(cast, frozen_now):
    admin = cast.administrator
    entry = channel_add(actor=admin, data=PHONE)
    channel_change(actor=admin, entry_id=entry.pk, data=replace(PHONE, address="3900"))
    channel_change(actor=admin, entry_id=entry.pk, data=replace(PHONE, address="3900"))
    channel_remove(actor=admin, entry_id=entry.pk)
    service = service_add(actor=admin, data=DIRECTORY)
    service_remove(actor=admin, entry_id=service.pk)
    footer_change(actor=admin, bill_footer_fr=" Appelez le 3970 ", bill_footer_en="Call 3970")
    events = list(AccessEvent.objects.values_list("kind", "actor", "at"))
    assert [kind for kind, _, _ in events] == [
        AccessEventKind.CHANNEL_ADDED,
        AccessEventKind.CHANNEL_CHANGED,  # the second, identical change records nothing
        AccessEventKind.CHANNEL_REMOVED,
        AccessEventKind.SERVICE_ADDED,
        AccessEventKind.SERVICE_REMOVED,
        AccessEventKind.FOOTER_CHANGED,
    ]
    assert {(actor, at) for _, actor, at in events} == {(admin.pk, frozen_now)}
    changed = AccessEvent.objects.get(kind=AccessEventKind.CHANNEL_CHANGED)
    assert changed.details == {"id": entry.pk, "changes": {"address": ["3970", "3900"]}}
    footer = AccessEvent.objects.get(kind=AccessEventKind.FOOTER_CHANGED)
    assert footer.details == {"old": ["", ""], "new": ["Appelez le 3970", "Call 3970"]}


def test_invalid_entry_is_refused_with_the_field_named(cast, frozen_now):
    with pytest.raises(PacteError) as refused:
        channel_add(actor=cast.administrator, data=replace(PHONE, kind="pigeon"))
    assert refused.value.code == AccessError.INVALID
    assert refused.value.message.startswith("kind:")
    with pytest.raises(PacteError, match="label_en"):
        channel_add(actor=cast.administrator, data=replace(PHONE, label_en=""))
    assert not ChannelEntry.objects.exists()


def test_unknown_entry_is_not_found(cast, frozen_now):
    with pytest.raises(NotFoundError):
        channel_change(actor=cast.administrator, entry_id=404, data=PHONE)
    with pytest.raises(NotFoundError):
        service_remove(actor=cast.administrator, entry_id=404)


def test_publication_is_an_immutable_copy_of_the_published_draft(cast, frozen_now):
    # given a full draft with one channel not to be published
    page_build(cast.administrator)
    letter = ChannelEntry.objects.get(kind="letter")
    channel_change(
        actor=cast.administrator, entry_id=letter.pk, data=replace(PHONE, published=False)
    )
    # when it is published
    publication = page_publish(actor=cast.administrator)
    # then the copy holds what the draft said, without the hidden channel
    assert (publication.published_at, publication.published_by) == (
        frozen_now,
        cast.administrator,
    )
    assert list(publication.channels.values_list("kind", flat=True)) == ["phone", "web", "email"]
    assert publication.bill_footer_fr == "Service client : 3970"
    event = AccessEvent.objects.get(kind=AccessEventKind.PUBLISHED)
    assert (event.publication, event.details) == (publication, {"channels": 3, "services": 2})
    # and later draft changes do not touch it; it cannot be changed nor deleted
    channel_remove(actor=cast.administrator, entry_id=ChannelEntry.objects.earliest("pk").pk)
    assert publication.channels.count() == 3
    with pytest.raises(AppendOnlyError):
        PublishedChannel.objects.filter(publication=publication).update(address="x")
    with pytest.raises(AppendOnlyError):
        publication.delete()


def test_publication_in_force_is_the_latest_before_the_instant(cast):
    page_build(cast.administrator)
    first = publish_at(cast.administrator, paris(2026, 2, 1, 10))
    second = publish_at(cast.administrator, paris(2026, 3, 1, 10))
    assert publication_in_force(at=paris(2026, 1, 31)) is None
    assert publication_in_force(at=paris(2026, 2, 28, 23)) == first
    assert publication_in_force(at=paris(2026, 3, 1, 10)) == second
    page = access_page(at=paris(2026, 3, 2))
    assert page is not None
    assert [c.kind for c in page.channels] == ["phone", "web", "email", "letter"]
    assert [s.kind for s in page.services] == ["directory", "after_sales"]
