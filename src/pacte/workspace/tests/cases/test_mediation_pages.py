"""The mediator on the case pages: the agent's panel and forms, the customer's
eligibility, the mediator's address and their referral form."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.complaints.tests.mediation_helpers import (
    answer_at,
    complaint_at,
    recommend_at,
    refer_at,
)
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import CaseKind
from pacte.workspace.tests.conftest import login

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
RECEIVED = paris(2026, 1, 12, 10)
NOW = paris(2026, 3, 20, 10)


@pytest.fixture
def client() -> Client:
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture(autouse=True)
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def complaint(cast: Cast) -> Case:
    return complaint_at(RECEIVED, team=cast.front, customer=cast.customer)


def test_agent_sees_the_eligibility_and_records_a_referral(client: Client, cast, complaint):
    login(client, cast.agent)
    page = client.get(reverse("workspace:case", args=[complaint.pk])).content.decode()
    assert "Eligible for the mediator now." in page
    assert "The written complaint went unanswered for 2 calendar months." in page
    assert "Record a referral to the mediator" in page
    response = client.post(
        reverse("workspace:case_refer_mediator", args=[complaint.pk]),
        {"channel": "letter", "body": "Letter from the mediator."},
        follow=True,
    )
    assert "Referral to the mediator recorded." in response.content.decode()
    event = CaseEvent.objects.get(case=complaint, kind=EventKind.REFERRED_TO_MEDIATOR)
    assert (event.channel, event.data["eligible"]) == ("letter", True)
    again = client.get(reverse("workspace:case", args=[complaint.pk])).content.decode()
    assert "Record a referral to the mediator" not in again
    assert "Referred to the mediator on" in again


def test_not_eligible_says_from_when(client: Client, cast):
    recent = complaint_at(paris(2026, 3, 2, 10), team=cast.front, customer=cast.customer)
    login(client, cast.agent)
    page = client.get(reverse("workspace:case", args=[recent.pk])).content.decode()
    assert "Not eligible for the mediator now." in page
    assert "unless the answer awaited comes first" in page
    assert 'datetime="2026-05-03T00:00+02:00"' in page  # 2 months after 2 March, ended


def test_referral_refused_is_shown(client: Client, cast, complaint):
    refer_at(complaint, paris(2026, 3, 15), actor=cast.agent)
    login(client, cast.agent)
    response = client.post(
        reverse("workspace:case_refer_mediator", args=[complaint.pk]),
        {"channel": "letter"},
        follow=True,
    )
    assert "This case was already referred to the mediator." in response.content.decode()
    assert CaseEvent.objects.filter(kind=EventKind.REFERRED_TO_MEDIATOR).count() == 1


def test_recommendation_and_application_forms(client: Client, cast, complaint):
    mediation = refer_at(complaint, paris(2026, 3, 15), actor=cast.agent)
    login(client, cast.supervisor)
    url = reverse("workspace:case", args=[mediation.pk])
    assert "Record the recommendation</button>" in client.get(url).content.decode()
    empty = client.post(
        reverse("workspace:case_mediator_recommendation", args=[mediation.pk]),
        {"body": "Refund.", "accepted": ""},
        follow=True,
    )
    assert "This field is required." in empty.content.decode()
    client.post(
        reverse("workspace:case_mediator_recommendation", args=[mediation.pk]),
        {"body": "Refund the fees.", "accepted": "yes"},
    )
    page = client.get(url).content.decode()
    assert "Refund the fees." in page
    assert 'datetime="2026-04-20T23:59+02:00"' in page  # to apply by: 1 month
    client.post(
        reverse("workspace:case_recommendation_applied", args=[mediation.pk]),
        {"body": "Credit note C-12."},
    )
    assert CaseEvent.objects.get(case=mediation, kind=EventKind.RECOMMENDATION_APPLIED).body == (
        "Credit note C-12."
    )


def test_readers_may_not_record(client: Client, cast, complaint):
    mediation = refer_at(complaint, paris(2026, 3, 15), actor=cast.agent)
    login(client, cast.auditor)
    response = client.post(
        reverse("workspace:case_mediator_recommendation", args=[mediation.pk]),
        {"body": "Refund.", "accepted": "yes"},
    )
    assert response.status_code == 403
    assert not CaseEvent.objects.filter(kind=EventKind.MEDIATOR_RECOMMENDED).exists()


def test_customer_sees_the_mediator_and_refers(client: Client, cast, complaint):
    answer_at(complaint, paris(2026, 1, 14, 10), actor=cast.agent)
    login(client, cast.customer_user)
    url = reverse("workspace:my_case", args=[complaint.reference])
    page = client.get(url).content.decode()
    assert "Médiateur des communications électroniques" in page
    assert "CS 30342, 94257 Gentilly Cedex" in page
    assert "the customer must first appeal" in page
    response = client.post(
        reverse("workspace:my_case_refer_mediator", args=[complaint.reference]),
        {"body": "I disagree."},
        follow=True,
    )
    assert "Your referral to the mediator is recorded." in response.content.decode()
    event = CaseEvent.objects.get(case=complaint, kind=EventKind.REFERRED_TO_MEDIATOR)
    assert (event.actor, event.channel, event.data["eligible"]) == (
        cast.customer_user,
        "web",
        False,
    )
    referral = Case.objects.get(kind=CaseKind.MEDIATION)
    assert referral.customer == cast.customer


def test_another_customer_gets_404(client: Client, cast, complaint):
    login(client, cast.other_customer_user)
    response = client.post(
        reverse("workspace:my_case_refer_mediator", args=[complaint.reference]), {}
    )
    assert response.status_code == 404
    assert not CaseEvent.objects.filter(kind=EventKind.REFERRED_TO_MEDIATOR).exists()


def test_distributor_may_not_refer(client: Client, cast, complaint):
    Case.objects.filter(pk=complaint.pk).update(distributor=cast.distributor)
    login(client, cast.distributor_user)
    response = client.post(
        reverse("workspace:my_case_refer_mediator", args=[complaint.reference]), {}
    )
    assert response.status_code == 403


def test_customer_page_after_recommendation(client: Client, cast, complaint):
    mediation = refer_at(complaint, paris(2026, 3, 15), actor=cast.customer_user)
    recommend_at(mediation, paris(2026, 3, 16), actor=cast.agent)
    login(client, cast.customer_user)
    page = client.get(reverse("workspace:my_case", args=[complaint.reference])).content.decode()
    assert "Referral to the mediator recorded on" in page
    assert "Refer to the mediator</button>" not in page
