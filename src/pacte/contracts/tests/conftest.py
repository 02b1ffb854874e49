"""Contract-acceptance test helpers: the shop's customer, the hotline route, a raised case."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pacte.cases.models import Case, Motive
from pacte.conftest import Cast
from pacte.contracts.parties import ACCEPTANCE_MOTIVE
from pacte.contracts.services import acceptance_raise
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer
from pacte.factories import AccountFactory, MotiveFactory
from pacte.intake.models import ChannelRoute


@dataclass
class Shop:
    cast: Cast
    customer: Customer  # a customer of the cast's distributor
    motive: Motive


@pytest.fixture
def shop(cast: Cast, frozen_now: object) -> Shop:
    motive = MotiveFactory.create(
        code=ACCEPTANCE_MOTIVE, label_fr="Acceptation du contrat", label_en="Contract acceptance"
    )
    ChannelRoute.objects.create(channel=Channel.DISTRIBUTOR_HOTLINE, team=cast.front, motive=motive)
    AccountFactory.create(customer=cast.customer, distributor=cast.distributor)
    cast.distributor.email = "shop@example.test"
    cast.distributor.save()
    return Shop(cast=cast, customer=cast.customer, motive=motive)


def raise_case(shop: Shop, **overrides: object) -> Case:
    arguments: dict[str, object] = {
        "customer": shop.customer,
        "distributor": None,
        "contract_kind": "subscription",
        "blocking": "The ID card scan is unreadable.",
        "needed": "A readable copy of the ID card.",
        "actor": shop.cast.distributor_user,
        "channel": Channel.WEB,
    }
    arguments.update(overrides)
    return acceptance_raise(**arguments)  # type: ignore[arg-type]
