"""The demo's public access page: channels, the 222 directory service, after-sales
information and the bill footer, published before the demo's history begins so that
every month of the history has a page in force (T1.1, T1.2, T4.5, T6.5)."""

from __future__ import annotations

from datetime import datetime, timedelta

from pacte.access.models import ChannelEntry, Publication, ServiceEntry, ServiceKind
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

CHANNELS = (
    ChannelData(
        kind=Channel.PHONE,
        label_fr="Service client par téléphone",
        label_en="Customer service by phone",
        address="39 70",
        hours_fr="Du lundi au samedi, de 8 h à 20 h",
        hours_en="Monday to Saturday, 8 am to 8 pm",
        price_fr="Service gratuit + prix d'un appel local",
        price_en="Free service + price of a local call",
    ),
    ChannelData(
        kind=Channel.WEB,
        label_fr="Espace client et formulaire en ligne",
        label_en="Customer area and web form",
        address="https://pacte.example/contact",
        hours_fr="24 h sur 24, 7 jours sur 7",
        hours_en="24 hours a day, 7 days a week",
        price_fr="Gratuit (hors coût de connexion)",
        price_en="Free (connection cost excepted)",
        order=1,
    ),
    ChannelData(
        kind=Channel.EMAIL,
        label_fr="Courriel",
        label_en="Email",
        address="service-client@pacte.example",
        hours_fr="24 h sur 24 ; réponse sous 2 jours ouvrés",
        hours_en="Around the clock; answer within 2 business days",
        price_fr="Gratuit",
        price_en="Free",
        order=2,
    ),
    ChannelData(
        kind=Channel.LETTER,
        label_fr="Courrier",
        label_en="Letter",
        address="Pacte Service client, TSA 70 000, 75 900 Paris Cedex 15",
        hours_fr="Réponse sous 5 jours ouvrés après réception",
        hours_en="Answer within 5 business days of receipt",
        price_fr="Prix d'un timbre",
        price_en="Price of a stamp",
        order=3,
    ),
    ChannelData(
        kind=Channel.DISTRIBUTOR_HOTLINE,
        label_fr="Ligne dédiée aux points de vente",
        label_en="Point-of-sale hotline",
        address="09 70 00 00 00",
        hours_fr="Du lundi au samedi, de 9 h à 19 h",
        hours_en="Monday to Saturday, 9 am to 7 pm",
        price_fr="Prix d'un appel local",
        price_en="Price of a local call",
        order=4,
    ),
)
SERVICES = (
    ServiceData(
        kind=ServiceKind.DIRECTORY,
        label_fr="Renseignements et mise en relation",
        label_en="Directory and connection service",
        number="222",
        description_fr="Trouver un numéro et être mis en relation, depuis votre mobile.",
        description_en="Find a number and be put through, from your mobile.",
        price_fr="Appel gratuit",
        price_en="Free call",
    ),
    ServiceData(
        kind=ServiceKind.AFTER_SALES,
        label_fr="Service après-vente",
        label_en="After-sales service",
        number="https://pacte.example/apres-vente",
        description_fr="Panne, échange ou réparation de votre téléphone : les démarches.",
        description_en="Fault, exchange or repair of your phone: what to do.",
        order=1,
    ),
)
FOOTER = (
    "Service client : 39 70 (service gratuit + prix d'un appel local), du lundi au samedi "
    "de 8 h à 20 h, ou sur pacte.example/contact.",
    "Customer service: 39 70 (free service + price of a local call), Monday to Saturday "
    "8 am to 8 pm, or at pacte.example/contact.",
)


def access_page_demo(*, actor: User, now: datetime, months: int) -> Publication | None:
    """Fill the draft and publish it a week before the ``months`` of history ending at
    ``now``. Does nothing (None) when a page was already drafted or published: an
    administrator's real page is never overwritten."""
    if (
        Publication.objects.exists()
        or ChannelEntry.objects.exists()
        or ServiceEntry.objects.exists()
    ):
        return None
    for channel in CHANNELS:
        channel_add(actor=actor, data=channel)
    for service in SERVICES:
        service_add(actor=actor, data=service)
    footer_change(actor=actor, bill_footer_fr=FOOTER[0], bill_footer_en=FOOTER[1])
    return page_publish(actor=actor, at=now - timedelta(days=31 * months + 7))
