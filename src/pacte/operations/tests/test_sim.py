"""SIM replacement (T4.1): the order from any channel, its steps in order, every refusal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine

from pacte.cases.models import CaseEvent, Clock, ClockState, EventKind
from pacte.cases.services import case_close
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import LineStatus
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_status_set
from pacte.operations.sim import (
    sim_order_deliver,
    sim_order_prepare,
    sim_order_request,
    sim_order_ship,
)
from pacte.operations.sim_selectors import (
    access_sim_order,
    sim_order_view,
    sim_orders_not_shipped,
    sim_orders_of_customer,
)
from pacte.operations.tests.sim_fixtures import ADDRESS, MONDAY, SimWorld, order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday() -> Iterator[None]:
    with time_machine.travel(MONDAY, tick=False):
        yield


def test_an_agent_orders_a_sim_and_the_clock_starts(sim_world: SimWorld):
    # when the agent orders a SIM for the customer's line on the phone
    case = order(sim_world)
    # then a SIM order opens, with its line and address on the OPENED event
    assert (case.kind, case.channel, case.motive.code) == (
        CaseKind.SIM_ORDER,
        Channel.PHONE,
        "sim-replacement",
    )
    assert case.team == sim_world.cast.front
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    assert opened.data["line"] == sim_world.line.pk
    assert (opened.data["msisdn"], opened.data["address"]) == (sim_world.line.msisdn, ADDRESS)
    assert opened.body == "SIM broken"
    clock = Clock.objects.get(case=case)
    assert (clock.commitment.code, clock.state) == ("T4.1", ClockState.RUNNING)


def test_a_customer_orders_for_their_own_line_on_the_portal(sim_world: SimWorld):
    cast = sim_world.cast
    case = order(sim_world, actor=cast.customer_user, channel=Channel.PHONE)
    assert case.channel == Channel.WEB
    assert case.team == cast.front  # the portal's route
    assert [o.case for o in sim_orders_of_customer(customer=cast.customer)] == [case]
    assert access_sim_order(user=cast.customer_user, reference=case.reference) == case
    with pytest.raises(NotFoundError):
        access_sim_order(user=cast.other_customer_user, reference=case.reference)


def test_a_customer_cannot_order_for_someone_else(sim_world: SimWorld):
    cast = sim_world.cast
    with pytest.raises(NotFoundError):
        order(
            sim_world,
            customer=cast.other_customer,
            line=sim_world.other_line,
            actor=cast.customer_user,
        )
    assert not CaseEvent.objects.exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"line": "other"}, OperationError.NO_LINE),
        ({"address": " "}, OperationError.SIM_ADDRESS_REQUIRED),
        ({"actor": "auditor"}, OperationError.NOT_ALLOWED),
    ],
)
def test_a_request_is_refused_with_its_reason(sim_world: SimWorld, change, code):
    extra: dict[str, object] = {}
    if "line" in change:
        extra["line"] = sim_world.other_line
    if "address" in change:
        extra["address"] = change["address"]
    if "actor" in change:
        extra["actor"] = sim_world.cast.auditor
    with pytest.raises(PacteError) as refused:
        order(sim_world, **extra)
    assert refused.value.code == code
    assert not CaseEvent.objects.exists()


def test_the_customers_postal_address_is_the_default(sim_world: SimWorld):
    customer = sim_world.cast.customer
    customer.postal_address = "3 place du Marché, 69001 Lyon"
    customer.save()
    case = order(sim_world, address="")
    assert CaseEvent.objects.get(case=case, kind=EventKind.OPENED).data["address"] == (
        "3 place du Marché, 69001 Lyon"
    )


def test_a_terminated_line_or_an_open_order_refuses_a_new_one(sim_world: SimWorld):
    first = order(sim_world)
    with pytest.raises(PacteError) as again:
        order(sim_world)
    assert again.value.code == OperationError.SIM_ORDER_OPEN
    assert first.reference in again.value.text
    line_status_set(
        line=sim_world.line, status=LineStatus.TERMINATED, reason="End", actor=sim_world.cast.agent
    )
    with pytest.raises(PacteError) as ended:
        order(sim_world)
    assert ended.value.code == OperationError.SIM_LINE_TERMINATED


def test_the_steps_in_order_stop_the_clock_and_write_the_new_sim(sim_world: SimWorld):
    agent = sim_world.cast.agent
    case = order(sim_world)
    with time_machine.travel(MONDAY + timedelta(hours=3), tick=False):
        sim_order_prepare(case=case, actor=agent)
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        shipped = sim_order_ship(case=case, actor=agent, carrier=" La Poste ", tracking="8R123")
    assert shipped.data == {"carrier": "La Poste", "tracking": "8R123"}
    clock = Clock.objects.get(case=case)
    assert (clock.state, clock.met_at) == (ClockState.MET, MONDAY + timedelta(days=1))
    delivered = sim_order_deliver(case=case, actor=agent, iccid="8933 1500 0000 0000 099")
    assert delivered.data == {
        "iccid": "8933150000000000099",
        "previous_iccid": "8933150000000000001",
    }
    sim_world.line.refresh_from_db()
    assert sim_world.line.iccid == "8933150000000000099"
    view = sim_order_view(case=case)
    assert view is not None
    assert (view.carrier, view.tracking, view.iccid, view.next_step) == (
        "La Poste",
        "8R123",
        "8933150000000000099",
        "",
    )


def test_preparing_is_optional_but_shipping_comes_before_delivery(sim_world: SimWorld):
    agent = sim_world.cast.agent
    case = order(sim_world)
    with pytest.raises(PacteError) as early:
        sim_order_deliver(case=case, actor=agent)
    assert early.value.code == OperationError.SIM_NOT_SHIPPED
    sim_order_ship(case=case, actor=agent, carrier="Chronopost", tracking="XY1")
    with pytest.raises(PacteError) as late_prepare:
        sim_order_prepare(case=case, actor=agent)
    assert late_prepare.value.code == OperationError.SIM_STEP_DONE
    with pytest.raises(PacteError) as twice:
        sim_order_ship(case=case, actor=agent, carrier="Chronopost", tracking="XY2")
    assert twice.value.code == OperationError.SIM_STEP_DONE
    sim_order_deliver(case=case, actor=agent)
    sim_world.line.refresh_from_db()
    assert sim_world.line.iccid == "8933150000000000001"  # no serial given: unchanged
    assert (
        CaseEvent.objects.filter(
            case=case,
            kind__in=[EventKind.SIM_PREPARED, EventKind.SIM_SHIPPED, EventKind.SIM_DELIVERED],
        ).count()
        == 2
    )


@pytest.mark.parametrize(("carrier", "tracking"), [("", "XY1"), ("La Poste", " ")])
def test_a_shipment_needs_its_carrier_and_tracking(sim_world: SimWorld, carrier, tracking):
    case = order(sim_world)
    with pytest.raises(PacteError) as refused:
        sim_order_ship(case=case, actor=sim_world.cast.agent, carrier=carrier, tracking=tracking)
    assert refused.value.code == OperationError.SIM_SHIPPING_REQUIRED
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.SIM_SHIPPED).exists()


def test_steps_refuse_a_bad_serial_a_customer_another_kind_and_a_closed_order(sim_world):
    cast = sim_world.cast
    case = order(sim_world)
    sim_order_ship(case=case, actor=cast.agent, carrier="La Poste", tracking="1")
    with pytest.raises(PacteError) as serial:
        sim_order_deliver(case=case, actor=cast.agent, iccid="12AB")
    assert serial.value.code == OperationError.SIM_ICCID_INVALID
    with pytest.raises(ForbiddenError):
        sim_order_deliver(case=case, actor=cast.customer_user)
    other = order(
        sim_world,
        line=sim_world.line.__class__.objects.create(
            account=sim_world.line.account, msisdn="+33600000099"
        ),
    )
    case_close(case=other, actor=cast.agent, reason="Duplicate")
    with pytest.raises(PacteError):
        sim_order_prepare(case=other, actor=cast.agent)
    from pacte.factories import open_case

    request = open_case(received_at=MONDAY)
    with pytest.raises(PacteError) as kind:
        sim_order_prepare(case=request, actor=cast.agent)
    assert kind.value.code == OperationError.SIM_NOT_ORDER


def test_orders_not_shipped_by_the_second_business_day_are_listed(sim_world: SimWorld):
    # given an order on Friday 30 October 2026 and one on Monday 2 November
    with time_machine.travel(MONDAY - timedelta(days=3), tick=False):
        friday = order(sim_world)
    monday = order(
        sim_world,
        line=sim_world.line.__class__.objects.create(
            account=sim_world.line.account, msisdn="+33600000098"
        ),
    )
    # on Tuesday only Friday's is two business days old (Monday, Tuesday)
    tuesday = MONDAY + timedelta(days=1)
    assert [(row.order.case, row.business_days) for row in sim_orders_not_shipped(now=tuesday)] == [
        (friday, 2)
    ]
    # Wednesday: both; once Friday's is shipped, only Monday's
    wednesday = MONDAY + timedelta(days=2)
    assert [row.order.case for row in sim_orders_not_shipped(now=wednesday)] == [friday, monday]
    sim_order_ship(case=friday, actor=sim_world.cast.agent, carrier="La Poste", tracking="1")
    assert [row.order.case for row in sim_orders_not_shipped(now=wednesday)] == [monday]


def test_an_order_without_the_motive_makes_it(sim_world: SimWorld):
    from pacte.cases.models import Motive

    Motive.objects.filter(code="sim-replacement").delete()
    case = sim_order_request(
        customer=sim_world.cast.customer,
        line=sim_world.line,
        channel=Channel.PHONE,
        actor=sim_world.cast.agent,
        address=ADDRESS,
    )
    assert (case.motive.code, case.motive.label_fr) == (
        "sim-replacement",
        "Remplacement de carte SIM",
    )
