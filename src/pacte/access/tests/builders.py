"""A realistic access page built through the real services, for tests."""

from __future__ import annotations

from datetime import datetime

import time_machine

from pacte.access.models import Publication, ServiceKind
from pacte.access.services import (
    ChannelData,
    ServiceData,
    channel_add,
    footer_change,
    page_publish,
    service_add,
)
from pacte.core.models import User
from pacte.core.vocabulary import Channel

PHONE = ChannelData(
    kind=Channel.PHONE,
    label_fr="Service client par téléphone",
    label_en="Customer service by phone",
    address="3970",
    hours_fr="Du lundi au samedi, de 8 h à 20 h",
    hours_en="Monday to Saturday, 8 am to 8 pm",
    price_fr="Prix d'un appel local",
    price_en="Price of a local call",
)
WEB = ChannelData(
    kind=Channel.WEB,
    label_fr="Formulaire en ligne",
    label_en="Web form",
    address="https://example.test/contact",
    hours_fr="24 h sur 24",
    hours_en="Around the clock",
    price_fr="Gratuit",
    price_en="Free",
    order=1,
)
EMAIL = ChannelData(
    kind=Channel.EMAIL,
    label_fr="Courriel",
    label_en="Email",
    address="service-client@example.test",
    hours_fr="Réponse sous 2 jours ouvrés",
    hours_en="Answer within 2 business days",
    price_fr="Gratuit",
    price_en="Free",
    order=2,
)
LETTER = ChannelData(
    kind=Channel.LETTER,
    label_fr="Courrier",
    label_en="Letter",
    address="Service client, TSA 12345, 75000 Paris",
    hours_fr="Sans objet",
    hours_en="Not applicable",
    price_fr="Prix d'un timbre",
    price_en="Price of a stamp",
    order=3,
)
DIRECTORY = ServiceData(
    kind=ServiceKind.DIRECTORY,
    label_fr="Renseignements et mise en relation",
    label_en="Directory and connection",
    number="222",
    price_fr="Appel gratuit",
    price_en="Free call",
)
AFTER_SALES = ServiceData(
    kind=ServiceKind.AFTER_SALES,
    label_fr="Service après-vente",
    label_en="After-sales service",
    number="https://example.test/sav",
    order=1,
)


def page_build(
    actor: User,
    *,
    channels: tuple[ChannelData, ...] = (PHONE, WEB, EMAIL, LETTER),
    services: tuple[ServiceData, ...] = (DIRECTORY, AFTER_SALES),
    footer: tuple[str, str] = ("Service client : 3970", "Customer service: 3970"),
) -> None:
    """Fill the draft with ``channels``, ``services`` and the bill footer."""
    for channel in channels:
        channel_add(actor=actor, data=channel)
    for service in services:
        service_add(actor=actor, data=service)
    footer_change(actor=actor, bill_footer_fr=footer[0], bill_footer_en=footer[1])


def publish_at(actor: User, at: datetime) -> Publication:
    """Publish the draft as it is, at ``at``."""
    with time_machine.travel(at, tick=False):
        return page_publish(actor=actor)
