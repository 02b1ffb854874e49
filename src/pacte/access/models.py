"""The public access page: channels, numbers, opening hours, call prices, services.

The administrator edits a *draft* (``ChannelEntry``, ``ServiceEntry``, ``PageDraft``)
and publishes it. A ``Publication`` is an immutable snapshot: its bill footer and a
copy of every published channel and service as rows (``PublishedChannel``,
``PublishedService``). The public page shows the latest publication; the indicators
of a month read the publication in force at the end of that month. Every change to
the draft and every publication is recorded as an append-only ``AccessEvent``.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.core.append_only import AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique
from pacte.core.vocabulary import Channel


class ServiceKind(models.TextChoices):
    DIRECTORY = "directory", _("Directory and connection service")
    AFTER_SALES = "after_sales", _("After-sales information")
    OTHER = "other", _("Other service")


class ChannelFields(models.Model):
    """What the page says about one channel (shared by the draft and the snapshot)."""

    kind = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    address = models.CharField(_("number or address"), max_length=300, blank=True)
    hours_fr = models.CharField(_("opening hours (French)"), max_length=300, blank=True)
    hours_en = models.CharField(_("opening hours (English)"), max_length=300, blank=True)
    price_fr = models.CharField(_("price (French)"), max_length=200, blank=True)
    price_en = models.CharField(_("price (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kind}: {self.label_en}"


class ServiceFields(models.Model):
    """What the page says about one service (the 222 directory, after-sales...)."""

    kind = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    number = models.CharField(_("number or address"), max_length=300, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    price_fr = models.CharField(_("price (French)"), max_length=200, blank=True)
    price_en = models.CharField(_("price (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kind}: {self.label_en}"


class ChannelEntry(ChannelFields):
    """A channel in the draft; ``published`` says whether the next publication lists it."""

    published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("channel (draft)")
        verbose_name_plural = _("channels (draft)")
        ordering = ("order", "pk")


class ServiceEntry(ServiceFields):
    """A service in the draft."""

    published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("service (draft)")
        verbose_name_plural = _("services (draft)")
        ordering = ("order", "pk")


class PageDraft(models.Model):
    """The draft's single row: the bill footer text bills carry."""

    bill_footer_fr = models.TextField(_("bill footer (French)"), blank=True)
    bill_footer_en = models.TextField(_("bill footer (English)"), blank=True)

    class Meta:
        verbose_name = _("access page draft")
        verbose_name_plural = _("access page drafts")

    def __str__(self) -> str:
        return "access page draft"


class Publication(ChainedModel):
    """One publication of the page: who published it, when, and the bill footer then."""

    published_at = models.DateTimeField(_("published at"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_publications"
    )
    bill_footer_fr = models.TextField(_("bill footer (French)"), blank=True)
    bill_footer_en = models.TextField(_("bill footer (English)"), blank=True)

    objects: ClassVar[AppendOnlyQuerySet[Publication]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("access page publication")
        verbose_name_plural = _("access page publications")
        ordering = ("-published_at", "-pk")
        constraints = (chain_unique(name="access_publication_chain", field=None),)

    def __str__(self) -> str:
        return f"publication #{self.pk} at {self.published_at:%Y-%m-%d %H:%M}"


class PublishedChannel(ChannelFields, ChainedModel):
    """A channel as a publication listed it; never changed."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="channels")

    objects: ClassVar[AppendOnlyQuerySet[PublishedChannel]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "publication"

    class Meta:
        verbose_name = _("published channel")
        verbose_name_plural = _("published channels")
        ordering = ("publication", "order", "pk")
        constraints = (chain_unique(name="access_published_channel_chain", field="publication"),)


class PublishedService(ServiceFields, ChainedModel):
    """A service as a publication listed it; never changed."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="services")

    objects: ClassVar[AppendOnlyQuerySet[PublishedService]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "publication"

    class Meta:
        verbose_name = _("published service")
        verbose_name_plural = _("published services")
        ordering = ("publication", "order", "pk")
        constraints = (chain_unique(name="access_published_service_chain", field="publication"),)


class AccessEventKind(models.TextChoices):
    CHANNEL_ADDED = "channel_added", _("Channel added")
    CHANNEL_CHANGED = "channel_changed", _("Channel changed")
    CHANNEL_REMOVED = "channel_removed", _("Channel removed")
    SERVICE_ADDED = "service_added", _("Service added")
    SERVICE_CHANGED = "service_changed", _("Service changed")
    SERVICE_REMOVED = "service_removed", _("Service removed")
    FOOTER_CHANGED = "footer_changed", _("Bill footer changed")
    PUBLISHED = "published", _("Published")


class AccessEvent(ChainedModel):
    """Who changed what on the access page, and when (append-only)."""

    kind = models.CharField(_("kind"), max_length=24, choices=AccessEventKind.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_events"
    )
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[AccessEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("access page event")
        verbose_name_plural = _("access page events")
        ordering = ("at", "pk")
        constraints = (chain_unique(name="access_event_chain", field=None),)

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


# Every table of the access page, for the demo's wipe (demo.reset).
ACCESS_PAGE: tuple[type[models.Model], ...] = (
    AccessEvent,
    PublishedChannel,
    PublishedService,
    Publication,
    ChannelEntry,
    ServiceEntry,
    PageDraft,
)
