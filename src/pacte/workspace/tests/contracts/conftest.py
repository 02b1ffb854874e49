"""The contract-acceptance fixtures (``pacte.contracts.tests.conftest``), and the hotline."""

from __future__ import annotations

from pacte.access.services import ChannelData
from pacte.contracts.tests.conftest import shop
from pacte.core.vocabulary import Channel

HOTLINE = ChannelData(
    kind=Channel.DISTRIBUTOR_HOTLINE,
    label_fr="Assistance points de vente",
    label_en="Point-of-sale hotline",
    address="0 800 123 456",
    hours_fr="Du lundi au samedi, de 9 h à 19 h",
    hours_en="Monday to Saturday, 9 am to 7 pm",
    price_fr="Appel gratuit",
    price_en="Free call",
)

__all__ = ["HOTLINE", "shop"]
