"""The access page in one language: what the public page, the preview and the API show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import get_language

from pacte.access.models import ChannelFields, ServiceFields


def _text(obj: object, stem: str, language: str) -> str:
    """``obj.<stem>_<language>``, falling back to French when empty."""
    value = getattr(obj, f"{stem}_{language}", "") or getattr(obj, f"{stem}_fr", "")
    return str(value)


@dataclass(frozen=True, slots=True)
class ChannelLine:
    kind: str
    kind_label: str
    label: str
    address: str
    hours: str
    price: str


@dataclass(frozen=True, slots=True)
class ServiceLine:
    kind: str
    label: str
    number: str
    description: str
    price: str


@dataclass(frozen=True, slots=True)
class PageView:
    """A page (a publication, or the draft for the preview) in one language."""

    channels: list[ChannelLine]
    services: list[ServiceLine]
    bill_footer: str
    published_at: datetime | None


def channel_line(channel: ChannelFields, language: str) -> ChannelLine:
    return ChannelLine(
        kind=channel.kind,
        kind_label=str(channel.get_kind_display()),
        label=_text(channel, "label", language),
        address=channel.address,
        hours=_text(channel, "hours", language),
        price=_text(channel, "price", language),
    )


def service_line(service: ServiceFields, language: str) -> ServiceLine:
    return ServiceLine(
        kind=service.kind,
        label=_text(service, "label", language),
        number=service.number,
        description=_text(service, "description", language),
        price=_text(service, "price", language),
    )


def page_view(
    *,
    channels: list[ChannelFields],
    services: list[ServiceFields],
    footer: tuple[str, str],
    published_at: datetime | None,
    language: str | None = None,
) -> PageView:
    """The page in ``language`` (default: the active one); English falls back to French."""
    lang = (language or get_language() or "fr")[:2]
    return PageView(
        channels=[channel_line(channel, lang) for channel in channels],
        services=[service_line(service, lang) for service in services],
        bill_footer=footer[1] if lang == "en" and footer[1] else footer[0],
        published_at=published_at,
    )
