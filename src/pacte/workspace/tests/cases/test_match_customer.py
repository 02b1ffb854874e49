"""An agent gives a case opened for an unknown email sender to the customer who wrote."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from pacte.cases.models import Case, EventKind
from pacte.conftest import PARIS, Cast
from pacte.core.vocabulary import Channel
from pacte.factories import open_case
from pacte.intake.senders import customer_unidentified
from pacte.workspace.tests.conftest import (
    NON_STAFF,
    READERS,
    WRITERS,
    client_for,
    event_count,
    login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unknown_case(cast: Cast, frozen_now: datetime) -> Case:
    return open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS),
        team=cast.front,
        customer=customer_unidentified(name="J. Martin"),
        channel=Channel.EMAIL,
        subject="Ma facture",
    )


def act(case: Case) -> str:
    return reverse("workspace:case_act", args=[case.pk, "match-customer"])


def page(client: Client, case: Case, language: str = "en") -> str:
    url = reverse("workspace:case", args=[case.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_form_shows_only_for_an_unknown_sender(
    client: Client, cast: Cast, unknown_case: Case
) -> None:
    known = open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS), team=cast.front, customer=cast.customer
    )
    client = login(client, cast.agent)
    shown = page(client, unknown_case)
    assert act(unknown_case) in shown
    assert "Unknown sender (J. Martin)" in shown
    assert "sender not identified" in shown
    assert act(known) not in page(client, known)


def test_agent_matches_the_case_and_the_trail_says_so(
    client: Client, cast: Cast, unknown_case: Case
) -> None:
    # Given the front team's agent on a case whose sender could not be read
    placeholder = unknown_case.customer
    client = login(client, cast.agent)
    # When they give it to the customer who wrote, by number (any case)
    response = client.post(
        act(unknown_case),
        {"match-customer-customer_reference": cast.customer.reference.lower()},
    )
    # Then the case is the customer's and the timeline shows who it was before
    assert response.status_code == 302
    unknown_case.refresh_from_db()
    assert unknown_case.customer == cast.customer
    event = unknown_case.events.latest("pk")
    assert (event.kind, event.actor) == (EventKind.CUSTOMER_MATCHED, cast.agent)
    shown = page(client, unknown_case, "fr")
    assert "Client identifié" in shown
    assert f"expéditeur inconnu {placeholder.reference} identifié comme le client" in shown
    assert act(unknown_case) not in shown


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This field is required."),
        ("NOPE-404", "No customer has this number."),
    ],
)
def test_unknown_numbers_are_refused_and_write_nothing(
    client: Client, cast: Cast, unknown_case: Case, typed: str, message: str
) -> None:
    before = event_count(unknown_case)
    response = login(client, cast.agent).post(
        act(unknown_case),
        {"match-customer-customer_reference": typed},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert event_count(unknown_case) == before


def test_another_unknown_sender_is_not_a_customer(
    client: Client, cast: Cast, unknown_case: Case
) -> None:
    other = customer_unidentified(name="Someone else")
    before = event_count(unknown_case)
    response = login(client, cast.agent).post(
        act(unknown_case),
        {"match-customer-customer_reference": other.reference},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "No customer has this number." in response.content.decode()
    assert event_count(unknown_case) == before


def test_an_identified_customers_case_is_refused(client: Client, cast: Cast) -> None:
    known = open_case(
        received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS), team=cast.front, customer=cast.customer
    )
    before = event_count(known)
    response = login(client, cast.agent).post(
        act(known),
        {"match-customer-customer_reference": cast.other_customer.reference},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The case already belongs to an identified customer." in response.content.decode()
    assert event_count(known) == before


@pytest.mark.parametrize(
    ("role", "status"),
    [(role, 302) for role in WRITERS]
    + [(role, 403) for role in READERS]
    + [(role, 403) for role in NON_STAFF]
    + [("other_agent", 404)],
)
def test_match_by_role(
    client: Client, cast: Cast, unknown_case: Case, role: str, status: int
) -> None:
    before = event_count(unknown_case)
    response = client_for(client, cast, role).post(
        act(unknown_case), {"match-customer-customer_reference": cast.customer.reference}
    )
    assert response.status_code == status
    unknown_case.refresh_from_db()
    assert (unknown_case.customer == cast.customer) == (status == 302)
    assert event_count(unknown_case) == before + (1 if status == 302 else 0)


def test_suggestions_read_the_prefixed_field_and_skip_unknown_senders(
    client: Client, cast: Cast, unknown_case: Case
) -> None:
    response = login(client, cast.agent).get(
        reverse("workspace:mailroom_senders"),
        {"match-customer-customer_reference": cast.customer.reference[:4]},
    )
    content = response.content.decode()
    assert f'value="{cast.customer.reference}"' in content
    assert unknown_case.customer.reference not in content
