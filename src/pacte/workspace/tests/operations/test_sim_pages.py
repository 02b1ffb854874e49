"""The SIM-order pages (T4.1): an agent orders from the case page and records the steps;
the supervisor's list of orders not shipped by the 2nd business day; the customer's own
orders and order form."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.vocabulary import CaseKind
from pacte.factories import open_case
from pacte.operations.sim import sim_order_ship
from pacte.operations.tests.sim_fixtures import ADDRESS, MONDAY, SimWorld, order
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY, tick=False):
        yield


def test_an_agent_orders_a_sim_from_the_customers_case(client: Client, sim_world: SimWorld):
    cast = sim_world.cast
    # given a case of the customer the agent works on
    other = open_case(received_at=MONDAY, team=cast.front, customer=cast.customer)
    client = login(client, cast.agent)
    page = client.get(f"/cases/{other.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = f"/operations/sim-orders/new/?customer={cast.customer.reference}"
    assert link in page
    # when they order a SIM for the customer's line
    assert sim_world.line.msisdn in client.get(link).content.decode()
    response = client.post(
        link,
        {"line": sim_world.line.pk, "channel": "phone", "address": ADDRESS, "reason": "Broken"},
    )
    # then the order opens and its page shows the steps with the next one's form
    case = Case.objects.get(kind=CaseKind.SIM_ORDER)
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "SIM replacement order" in page
    assert f"/operations/sim-orders/{case.pk}/shipped/" in page
    assert ADDRESS in page


def test_the_order_form_asks_for_the_customer_first_and_shows_refusals(
    client: Client, sim_world: SimWorld
):
    cast = sim_world.cast
    order(sim_world)
    client = login(client, cast.supervisor)
    assert 'name="customer"' in client.get("/operations/sim-orders/new/").content.decode()
    assert client.get("/operations/sim-orders/new/?customer=NOPE").status_code == 404
    response = client.post(
        f"/operations/sim-orders/new/?customer={cast.customer.reference}",
        {"line": sim_world.line.pk, "channel": "phone", "address": ADDRESS},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "A SIM order is already open for line" in response.content.decode()
    assert Case.objects.filter(kind=CaseKind.SIM_ORDER).count() == 1


def test_the_steps_from_the_case_page(client: Client, sim_world: SimWorld):
    case = order(sim_world)
    client = login(client, sim_world.cast.agent)
    refused = client.post(
        f"/operations/sim-orders/{case.pk}/shipped/",
        {"carrier": "La Poste"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 400
    assert "carrier and its tracking reference" in refused.content.decode()
    assert client.post(f"/operations/sim-orders/{case.pk}/prepared/").status_code == 302
    done = client.post(
        f"/operations/sim-orders/{case.pk}/shipped/", {"carrier": "La Poste", "tracking": "8R1"}
    )
    assert done.status_code == 302
    page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Carrier La Poste, tracking 8R1" in page
    assert f"/operations/sim-orders/{case.pk}/delivered/" in page
    client.post(f"/operations/sim-orders/{case.pk}/delivered/", {"iccid": "8933150000000000555"})
    sim_world.line.refresh_from_db()
    assert sim_world.line.iccid == "8933150000000000555"
    assert client.post(f"/operations/sim-orders/{case.pk}/sent/").status_code == 404
    assert CaseEvent.objects.filter(case=case, kind=EventKind.SIM_DELIVERED).count() == 1


def test_the_supervisor_lists_orders_not_shipped_by_the_second_business_day(
    client: Client, sim_world: SimWorld
):
    # given an order of Friday 30 October, not shipped, and one of Monday
    with time_machine.travel(MONDAY - timedelta(days=3), tick=False):
        friday = order(sim_world)
    client = login(client, sim_world.cast.supervisor)
    url = "/operations/sim-orders/late/"
    # on Monday it is one business day old: not listed
    assert friday.reference not in client.get(url).content.decode()
    # on Tuesday it is two business days old: listed
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert friday.reference in page
        assert sim_world.line.msisdn in page
        sim_order_ship(case=friday, actor=sim_world.cast.agent, carrier="DPD", tracking="1")
        assert friday.reference not in client.get(url).content.decode()
    assert "/operations/sim-orders/late/" in client.get("/supervisor/").content.decode()


def test_the_late_list_reads_in_a_fixed_number_of_queries(
    client: Client, sim_world: SimWorld, django_assert_max_num_queries
):
    with time_machine.travel(MONDAY - timedelta(days=7), tick=False):
        for number in range(5):
            line = sim_world.line.__class__.objects.create(
                account=sim_world.line.account, msisdn=f"+3369000000{number}"
            )
            order(sim_world, line=line)
    client = login(client, sim_world.cast.supervisor)
    with django_assert_max_num_queries(12):
        page = client.get("/operations/sim-orders/late/").content.decode()
    assert page.count('class="sim-late-row"') == 5


def test_a_customer_orders_and_follows_their_sim(client: Client, sim_world: SimWorld):
    cast = sim_world.cast
    client = login(client, cast.customer_user)
    assert "/operations/my-sim-orders/" in client.get("/my-cases/").content.decode()
    form = client.get("/operations/my-sim-orders/new/").content.decode()
    assert sim_world.line.msisdn in form
    assert sim_world.other_line.msisdn not in form
    assert 'name="channel"' not in form
    response = client.post(
        "/operations/my-sim-orders/new/",
        {"line": sim_world.line.pk, "address": ADDRESS, "reason": "Lost"},
    )
    assert response.status_code == 302
    case = Case.objects.get(kind=CaseKind.SIM_ORDER)
    assert case.channel == "web"
    sim_order_ship(case=case, actor=cast.agent, carrier="Colissimo", tracking="6A123")
    with translation.override("en"):
        page = client.get("/operations/my-sim-orders/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Carrier Colissimo, tracking 6A123" in page
    mine = client.get(f"/my-cases/{case.reference}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "6A123" in mine
    # another customer sees none of it, and cannot order for this line
    other = login(Client(), cast.other_customer_user)
    assert case.reference not in other.get("/operations/my-sim-orders/").content.decode()
    refused = other.post(
        "/operations/my-sim-orders/new/", {"line": sim_world.line.pk, "address": ADDRESS}
    )
    assert refused.status_code == 200
    assert Case.objects.filter(kind=CaseKind.SIM_ORDER).count() == 1


def test_the_customer_pages_in_french(client: Client, sim_world: SimWorld):
    order(sim_world)
    client = login(client, sim_world.cast.customer_user)
    client.cookies["django_language"] = "fr"
    page = client.get("/operations/my-sim-orders/").content.decode()
    assert "Mes commandes de carte SIM" in page
    assert "Commander une carte SIM de remplacement" in page
