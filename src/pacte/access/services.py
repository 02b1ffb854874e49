"""Every write to the access page: the draft's channels, services and bill footer, and
publishing the draft as an immutable snapshot.

Services take keyword arguments only, run in one transaction, refuse anyone but an
administrator (``ForbiddenError``) and record one ``AccessEvent`` each.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from pacte.access.errors import AccessError
from pacte.access.models import (
    AccessEvent,
    AccessEventKind,
    ChannelEntry,
    PageDraft,
    Publication,
    PublishedChannel,
    PublishedService,
    ServiceEntry,
)
from pacte.core import clock
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may

M = TypeVar("M", bound=Model)

CHANNEL_FIELDS = (
    "kind",
    "label_fr",
    "label_en",
    "address",
    "hours_fr",
    "hours_en",
    "price_fr",
    "price_en",
    "order",
)
SERVICE_FIELDS = (
    "kind",
    "label_fr",
    "label_en",
    "number",
    "description_fr",
    "description_en",
    "price_fr",
    "price_en",
    "order",
)


@dataclass(frozen=True, slots=True)
class ChannelData:
    """What the administrator says about a channel."""

    kind: str
    label_fr: str
    label_en: str
    address: str = ""
    hours_fr: str = ""
    hours_en: str = ""
    price_fr: str = ""
    price_en: str = ""
    order: int = 0
    published: bool = True


@dataclass(frozen=True, slots=True)
class ServiceData:
    """What the administrator says about a service."""

    kind: str
    label_fr: str
    label_en: str
    number: str = ""
    description_fr: str = ""
    description_en: str = ""
    price_fr: str = ""
    price_en: str = ""
    order: int = 0
    published: bool = True


def _require_administrator(actor: User) -> None:
    if not may(actor, Action.ACCESS_PAGE_EDIT):
        raise ForbiddenError(
            AccessError.NOT_ADMINISTRATOR, "Only an administrator may edit the access page."
        )


def _validated(row: Model) -> None:
    """``full_clean`` as a PacteError naming the first bad field."""
    try:
        row.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        detail = " ".join(messages)
        label = (
            str(getattr(row._meta.get_field(field), "verbose_name", field))
            if field != "__all__"
            else ""
        )
        raise PacteError(
            AccessError.INVALID, f"{field}: {detail}", field=label or field, detail=detail
        ) from error


def _record(
    *,
    kind: AccessEventKind,
    actor: User,
    details: dict[str, Any],
    publication: Publication | None = None,
) -> AccessEvent:
    return AccessEvent.objects.create(
        kind=kind, at=clock.now(), actor=actor, details=details, publication=publication
    )


def _write(row: Model, data: ChannelData | ServiceData) -> dict[str, Any]:
    """Copy ``data`` onto ``row``; the fields that changed, as ``{field: [old, new]}``."""
    changes = {}
    for name, value in asdict(data).items():
        old = getattr(row, name)
        if old != value:
            changes[name] = [old, value]
        setattr(row, name, value)
    return changes


Entry = TypeVar("Entry", ChannelEntry, ServiceEntry)


def _entry_add(
    entry: Entry, data: ChannelData | ServiceData, *, actor: User, kind: AccessEventKind
) -> Entry:
    _require_administrator(actor)
    _write(entry, data)
    _validated(entry)
    entry.save()
    _record(kind=kind, actor=actor, details={"id": entry.pk, **asdict(data)})
    return entry


def _entry_change(
    model: type[Entry],
    entry_id: int,
    data: ChannelData | ServiceData,
    *,
    actor: User,
    kind: AccessEventKind,
) -> Entry:
    _require_administrator(actor)
    entry = _locked(model, entry_id)
    changes = _write(entry, data)
    _validated(entry)
    entry.save()
    if changes:
        _record(
            kind=kind,
            actor=actor,
            details={"id": entry.pk, "changes": changes},
        )
    return entry


def _entry_remove(
    model: type[Entry],
    entry_id: int,
    fields: tuple[str, ...],
    *,
    actor: User,
    kind: AccessEventKind,
) -> None:
    _require_administrator(actor)
    entry = _locked(model, entry_id)
    details = {"id": entry.pk, **{name: getattr(entry, name) for name in fields}}
    entry.delete()
    _record(kind=kind, actor=actor, details=details)


@transaction.atomic
def channel_add(*, actor: User, data: ChannelData) -> ChannelEntry:
    """Add a channel to the draft; records ``channel_added`` with its fields."""
    return _entry_add(ChannelEntry(), data, actor=actor, kind=AccessEventKind.CHANNEL_ADDED)


@transaction.atomic
def channel_change(*, actor: User, entry_id: int, data: ChannelData) -> ChannelEntry:
    """Change a draft channel (row locked); records ``channel_changed`` with old and new
    values of the fields that changed (nothing is recorded when nothing changed)."""
    return _entry_change(
        ChannelEntry, entry_id, data, actor=actor, kind=AccessEventKind.CHANNEL_CHANGED
    )


@transaction.atomic
def channel_remove(*, actor: User, entry_id: int) -> None:
    """Remove a channel from the draft (publications keep their copy); records
    ``channel_removed`` with what it said."""
    _entry_remove(
        ChannelEntry, entry_id, CHANNEL_FIELDS, actor=actor, kind=AccessEventKind.CHANNEL_REMOVED
    )


@transaction.atomic
def service_add(*, actor: User, data: ServiceData) -> ServiceEntry:
    """Add a service to the draft; records ``service_added`` with its fields."""
    return _entry_add(ServiceEntry(), data, actor=actor, kind=AccessEventKind.SERVICE_ADDED)


@transaction.atomic
def service_change(*, actor: User, entry_id: int, data: ServiceData) -> ServiceEntry:
    """Change a draft service (row locked); records ``service_changed`` with the changes."""
    return _entry_change(
        ServiceEntry, entry_id, data, actor=actor, kind=AccessEventKind.SERVICE_CHANGED
    )


@transaction.atomic
def service_remove(*, actor: User, entry_id: int) -> None:
    """Remove a service from the draft; records ``service_removed`` with what it said."""
    _entry_remove(
        ServiceEntry, entry_id, SERVICE_FIELDS, actor=actor, kind=AccessEventKind.SERVICE_REMOVED
    )


def _locked(model: type[M], entry_id: int) -> M:
    row = model._default_manager.select_for_update().filter(pk=entry_id).first()
    if row is None:
        raise NotFoundError(AccessError.NOT_FOUND, "No such entry in the draft.")
    return row


def draft_row() -> PageDraft:
    """The draft's single row, created empty the first time."""
    draft, _ = PageDraft.objects.get_or_create(pk=1)
    return draft


@transaction.atomic
def footer_change(*, actor: User, bill_footer_fr: str, bill_footer_en: str) -> PageDraft:
    """Set the draft's bill footer (FR/EN); records ``footer_changed`` with old and new."""
    _require_administrator(actor)
    draft_row()
    draft = PageDraft.objects.select_for_update().get(pk=1)
    old = [draft.bill_footer_fr, draft.bill_footer_en]
    draft.bill_footer_fr, draft.bill_footer_en = bill_footer_fr.strip(), bill_footer_en.strip()
    _validated(draft)
    draft.save()
    new = [draft.bill_footer_fr, draft.bill_footer_en]
    if old != new:
        _record(kind=AccessEventKind.FOOTER_CHANGED, actor=actor, details={"old": old, "new": new})
    return draft


@transaction.atomic
def page_publish(*, actor: User, at: datetime | None = None) -> Publication:
    """Publish the draft: a new Publication with a copy of every published channel and
    service of the draft and its bill footer, dated ``at`` (default now).

    Only the demo passes ``at`` (a page published before its history); a publication is
    never back-dated otherwise, so the indicators of a month that is over never change.
    Locks the draft row so two publications are serialised. Records ``published``.
    """
    _require_administrator(actor)
    draft_row()
    draft = PageDraft.objects.select_for_update().get(pk=1)
    when = at or clock.now()
    publication = Publication.objects.create(
        published_at=when,
        published_by=actor,
        bill_footer_fr=draft.bill_footer_fr,
        bill_footer_en=draft.bill_footer_en,
    )
    channels = ChannelEntry.objects.filter(published=True).order_by("order", "pk")
    PublishedChannel.objects.bulk_create(
        PublishedChannel(
            publication=publication, **{name: getattr(row, name) for name in CHANNEL_FIELDS}
        )
        for row in channels
    )
    services = ServiceEntry.objects.filter(published=True).order_by("order", "pk")
    PublishedService.objects.bulk_create(
        PublishedService(
            publication=publication, **{name: getattr(row, name) for name in SERVICE_FIELDS}
        )
        for row in services
    )
    details = {
        "channels": publication.channels.count(),
        "services": publication.services.count(),
    }
    AccessEvent.objects.create(
        kind=AccessEventKind.PUBLISHED,
        at=when,
        actor=actor,
        publication=publication,
        details=details,
    )
    return publication
