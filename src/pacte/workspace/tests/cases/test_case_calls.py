"""The case page lists the customer's recent calls beside the timeline."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacte.conftest import PARIS, Cast
from pacte.customers.models import Customer
from pacte.telephony.models import (
    Call,
    CallOutcome,
    CallQueue,
    CallSource,
    QueueVisit,
    VisitOutcome,
)
from pacte.workspace.tests.conftest import Cases, login

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 3, 9, 10, tzinfo=PARIS)


def call_of(customer: Customer, number: int, *, answered: bool) -> Call:
    queue, _created = CallQueue.objects.get_or_create(name="support")
    started = MORNING + timedelta(minutes=number)
    call = Call.objects.create(
        callid=f"c{number}",
        source=CallSource.API,
        customer=customer,
        started_at=started,
        outcome=CallOutcome.SOLVED if answered else CallOutcome.NONE,
    )
    QueueVisit.objects.create(
        call=call,
        queue=queue,
        source=CallSource.API,
        entered_at=started,
        answered_at=started + timedelta(seconds=42) if answered else None,
        outcome=VisitOutcome.ANSWERED if answered else VisitOutcome.ABANDONED,
        wait_seconds=42,
    )
    return call


def page_of(client: Client, cast: Cast, cases: Cases) -> str:
    response = login(client, cast.agent).get(
        reverse("workspace:case", args=[cases.front.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_customers_calls_are_listed_and_no_one_elses(
    client: Client, cast: Cast, cases: Cases
) -> None:
    call_of(cast.customer, 1, answered=True)
    call_of(cast.customer, 2, answered=False)
    call_of(cast.other_customer, 3, answered=True)
    content = page_of(client, cast, cases)
    assert 'data-call="c1"' in content
    assert 'data-call="c2"' in content
    assert 'data-call="c3"' not in content
    assert "42 s" in content
    assert "Solved during the call" in content


def test_no_call_says_so(client: Client, cast: Cast, cases: Cases) -> None:
    assert "No call recorded from this customer" in page_of(client, cast, cases)


def test_the_calls_cost_one_query_however_many(client: Client, cast: Cast, cases: Cases) -> None:
    call_of(cast.customer, 1, answered=True)
    page_of(client, cast, cases)  # logged in: the session exists
    url = reverse("workspace:case", args=[cases.front.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(2, 8):
        call_of(cast.customer, number, answered=number % 2 == 0)
    with CaptureQueriesContext(connection) as seven:
        content = client.get(url).content.decode()
    assert content.count("data-call=") == 7
    assert len(seven) == len(one)
