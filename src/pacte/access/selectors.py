"""Reads of the access page: the draft, the latest publication, the one in force at an
instant, and the history (publications and events)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from pacte.access.models import (
    AccessEvent,
    ChannelEntry,
    PageDraft,
    Publication,
    PublishedChannel,
    PublishedService,
    ServiceEntry,
)


@dataclass(frozen=True, slots=True)
class Draft:
    """The draft as the administrator edits it."""

    channels: list[ChannelEntry]
    services: list[ServiceEntry]
    bill_footer_fr: str
    bill_footer_en: str


@dataclass(frozen=True, slots=True)
class Page:
    """A publication with its channels and services, in page order."""

    publication: Publication
    channels: list[PublishedChannel]
    services: list[PublishedService]


def access_draft() -> Draft:
    """The draft's channels, services and bill footer (three queries)."""
    footer = PageDraft.objects.filter(pk=1).values_list("bill_footer_fr", "bill_footer_en").first()
    fr, en = footer or ("", "")
    return Draft(
        channels=list(ChannelEntry.objects.order_by("order", "pk")),
        services=list(ServiceEntry.objects.order_by("order", "pk")),
        bill_footer_fr=fr,
        bill_footer_en=en,
    )


def publications_until(at: datetime) -> QuerySet[Publication]:
    """Publications dated no later than ``at``, the latest first (the first is in force)."""
    return Publication.objects.filter(published_at__lte=at).order_by("-published_at", "-pk")


def publication_in_force(*, at: datetime) -> Publication | None:
    """The publication in force at ``at``: the latest published no later than it."""
    return publications_until(at).first()


def access_page(*, at: datetime) -> Page | None:
    """The page in force at ``at`` with its channels and services (three queries), or
    None when nothing had been published yet."""
    publication = publication_in_force(at=at)
    if publication is None:
        return None
    return Page(
        publication=publication,
        channels=list(publication.channels.order_by("order", "pk")),
        services=list(publication.services.order_by("order", "pk")),
    )


def publication_history() -> QuerySet[Publication]:
    """Every publication, the latest first, with who published it."""
    return Publication.objects.select_related("published_by").order_by("-published_at", "-pk")


def access_events(*, limit: int = 100) -> list[AccessEvent]:
    """The latest ``limit`` changes to the page, the latest first, with their actors."""
    return list(AccessEvent.objects.select_related("actor").order_by("-at", "-pk")[:limit])


DraftEntry = ChannelEntry | ServiceEntry


def draft_entry(*, model: type[ChannelEntry] | type[ServiceEntry], pk: int) -> DraftEntry | None:
    """The draft's channel or service ``pk`` (``model`` says which); None if none."""
    entry: DraftEntry | None = model.objects.filter(pk=pk).first()
    return entry


def draft_entry_values(
    *, model: type[ChannelEntry] | type[ServiceEntry], pk: int
) -> Mapping[str, object] | None:
    """The draft's channel or service ``pk`` as its field values (a form's initial data);
    None if none."""
    values: Mapping[str, object] | None = model.objects.filter(pk=pk).values().first()
    return values
