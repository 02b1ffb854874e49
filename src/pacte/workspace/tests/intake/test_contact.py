"""The new-contact screen: an agent on a call finds the customer and opens the case."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.test import Client

from pacte.business_calendar.arithmetic import end_of_local_day
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case, CaseEvent, EventKind, Motive
from pacte.conftest import Cast
from pacte.customers.models import Customer
from pacte.factories import CustomerFactory, MotiveFactory
from pacte.workspace.tests.conftest import NON_STAFF, READERS, WRITERS, client_for, login

pytestmark = pytest.mark.django_db

URL = "/contact/"


@pytest.fixture
def motive(db: None) -> Motive:
    return MotiveFactory.create(code="network", label_en="Network", label_fr="Réseau")


def posted(cast: Cast, motive: Motive, **extra: str) -> dict[str, object]:
    data: dict[str, object] = {
        "channel": "phone",
        "kind": "request",
        "motive": motive.pk,
        "subject": "No network since Monday",
        "team": cast.front.pk,
        "outcome": "committed",
        "deadline_on": "2026-03-13",
        "message": "A technician calls you by Friday.",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("role", WRITERS)
def test_writers_see_the_screen_and_its_nav_link(client: Client, cast: Cast, role: str) -> None:
    page = client_for(client, cast, role).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert 'href="/contact/"' in page.content.decode()


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_open_cases_here(client: Client, cast: Cast, role: str) -> None:
    client = client_for(client, cast, role)
    assert client.get(URL).status_code == 403
    assert 'href="/contact/"' not in client.get("/queue/").content.decode()


@pytest.mark.parametrize("role", NON_STAFF)
def test_customers_and_distributors_get_nothing(client: Client, cast: Cast, role: str) -> None:
    assert client_for(client, cast, role).get(URL).status_code in (403, 404)


@pytest.mark.parametrize("typed", ["Durand", "jeanne dur", "06 11 22", "+336112", "jeanne.d@"])
def test_the_agent_finds_the_caller_by_name_number_or_email(
    client: Client, cast: Cast, typed: str
) -> None:
    jeanne = CustomerFactory.create(
        first_name="Jeanne", last_name="Durand", phone="+33611223344", email="jeanne.d@example.org"
    )
    page = login(client, cast.agent).get(URL, {"q": typed}).content.decode()
    assert f"?customer={jeanne.reference}" in page
    assert cast.customer.reference not in page


def test_a_call_with_a_deadline_told_opens_the_case(
    client: Client, cast: Cast, motive: Motive, frozen_now: datetime
) -> None:
    # Given the agent chose the caller found by the search
    client = login(client, cast.agent)
    url = f"{URL}?customer={cast.customer.reference}"
    assert cast.customer.display_name in client.get(url).content.decode()
    # When they open the case with the deadline told before hang-up
    response = client.post(url, posted(cast, motive))
    # Then the case is open, with the deadline in force, and the agent is on it
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (case.customer, case.channel, case.opened_by) == (cast.customer, "phone", cast.agent)
    assert case.due_at == end_of_local_day(date(2026, 3, 13), CalendarSpec())
    promise = CaseEvent.objects.get(case=case, kind=EventKind.DEADLINE_COMMITTED)
    assert promise.body == "A technician calls you by Friday."


def test_a_new_customer_solved_on_the_call(
    client: Client, cast: Cast, motive: Motive, frozen_now: datetime
) -> None:
    data = posted(
        cast, motive, outcome="solved", answer="Network reset.", first_name="Paul",
        last_name="Petit", phone="+33700000000", deadline_on="",
    )  # fmt: skip
    response = login(client, cast.agent).post(f"{URL}?new=1", data)
    assert response.status_code == 302
    case = Case.objects.get(customer__last_name="Petit")
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ANSWERED).exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"deadline_on": "2026-03-14"}, "not a business day"),
        ({"deadline_on": "2026-03-10"}, "must be later than the one in force"),
        ({"deadline_on": ""}, "Give either a business day or a precise time"),
        ({"outcome": "solved", "deadline_on": ""}, "Say what answer was given"),
        ({"team": str(0)}, "Select a valid choice"),
    ],
)
def test_refusals_are_shown_and_open_nothing(
    client: Client, cast: Cast, motive: Motive, frozen_now: datetime, extra: dict[str, str],
    message: str,
) -> None:  # fmt: skip
    response = login(client, cast.agent).post(
        f"{URL}?customer={cast.customer.reference}",
        posted(cast, motive, **extra),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_a_new_customer_needs_a_name_and_a_way_to_reach_them(
    client: Client, cast: Cast, motive: Motive, frozen_now: datetime
) -> None:
    customers = Customer.objects.count()
    response = login(client, cast.agent).post(
        f"{URL}?new=1", posted(cast, motive, last_name="Petit"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "name and a phone number or email" in response.content.decode()
    assert Customer.objects.count() == customers


def test_the_screen_in_french(client: Client, cast: Cast) -> None:
    page = login(client, cast.agent).get(f"{URL}?new=1").content.decode()
    assert "Nouveau contact" in page
    assert "Ouvrir le dossier" in page
