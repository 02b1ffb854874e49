"""What the SIM-order tests share: a customer with a line, the portal's route, a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from pacte.cases.models import Case
from pacte.conftest import Cast
from pacte.core.vocabulary import Channel
from pacte.customers.models import Line
from pacte.factories import LineFactory, MotiveFactory
from pacte.intake.models import ChannelRoute
from pacte.operations.sim import sim_order_request

# Monday 2 November 2026, 09:00 UTC (10:00 Paris).
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ADDRESS = "12 rue des Lilas, 75020 Paris"


@dataclass
class SimWorld:
    cast: Cast
    line: Line
    other_line: Line


@pytest.fixture
def sim_world(cast: Cast) -> SimWorld:
    for channel in (Channel.WEB, Channel.PHONE):
        ChannelRoute.objects.create(channel=channel, team=cast.front, motive=MotiveFactory.create())
    MotiveFactory.create(
        code="sim-replacement", label_fr="Remplacement de carte SIM", label_en="SIM replacement"
    )
    line = LineFactory.create(account__customer=cast.customer, iccid="8933150000000000001")
    other = LineFactory.create(account__customer=cast.other_customer)
    return SimWorld(cast=cast, line=line, other_line=other)


def order(world: SimWorld, **extra: object) -> Case:
    """An order of the customer's line taken by the agent on the phone."""
    arguments: dict[str, object] = {
        "customer": world.cast.customer,
        "line": world.line,
        "channel": Channel.PHONE,
        "actor": world.cast.agent,
        "reason": "SIM broken",
        "address": ADDRESS,
    }
    arguments.update(extra)
    return sim_order_request(**arguments)  # type: ignore[arg-type]
