"""The mediator's endpoints: who may call them, what they record, every refusal's code."""

from __future__ import annotations

import pytest
import time_machine

from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.cases.models import Case, CaseEvent, Clock, EventKind
from pacte.complaints.tests.mediation_helpers import (
    answer_at,
    complaint_at,
    recommend_at,
    refer_at,
)
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import CaseKind
from pacte.factories import open_case

RECEIVED = paris(2026, 1, 12, 10)
NOW = paris(2026, 3, 20, 10)


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def complaint(cast: Cast) -> Case:
    return complaint_at(RECEIVED, team=cast.front, customer=cast.customer)


def url(case: Case, action: str) -> str:
    return f"/api/cases/{case.pk}/{action}/"


REFER_STATUS = {
    "customer_user": 201,
    "other_customer_user": 404,
    "agent": 201,
    "other_agent": 404,
    "supervisor": 201,
    "quality_manager": 403,
    "auditor": 403,
    "administrator": 201,
    "distributor_user": 404,
    None: 401,
}


@pytest.mark.parametrize("role", [*ROLES, None])
def test_refer_by_role(cast, client_for: ClientFor, complaint, at_now, role):
    response = client_for(user_or_none(cast, role)).post(
        url(complaint, "refer-mediator"), {"body": "I wrote to the mediator."}, format="json"
    )
    assert response.status_code == REFER_STATUS[role], response.content
    referred = CaseEvent.objects.filter(case=complaint, kind=EventKind.REFERRED_TO_MEDIATOR)
    if response.status_code == 201:
        body = response.json()
        referral = Case.objects.get(pk=body["referral"])
        assert (referral.kind, referral.follows_id) == (CaseKind.MEDIATION, complaint.pk)
        # Level 1 unanswered: 2 months after 12 January ended on 12 March.
        assert (body["eligible"], body["eligibility"]) == (True, "complaint_unanswered_two_months")
        assert referred.get().data["referral"] == referral.pk
        assert referred.get().channel == "web"
    else:
        assert "code" in response.json()
        assert not referred.exists()


def test_customer_refers_on_the_web_only(cast, client_for, complaint, at_now):
    response = client_for(cast.customer_user).post(
        url(complaint, "refer-mediator"), {"channel": "letter"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "channel_not_allowed")


def test_refer_refusals_have_codes(cast, client_for, complaint, at_now):
    agent = client_for(cast.agent)
    request = open_case(received_at=RECEIVED, team=cast.front, kind=CaseKind.REQUEST)
    refused = agent.post(url(request, "refer-mediator"), {"channel": "letter"}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (400, "mediation_not_referable")
    assert agent.post(url(complaint, "refer-mediator"), {}, format="json").status_code == 201
    again = agent.post(url(complaint, "refer-mediator"), {}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "mediation_already_referred")
    bad = agent.post(url(complaint, "refer-mediator"), {"channel": "pigeon"}, format="json")
    assert bad.status_code == 400


def test_eligibility_endpoint(cast, client_for, complaint, at_now):
    answer_at(complaint, paris(2026, 1, 13, 10), actor=cast.agent)
    response = client_for(cast.customer_user).get(url(complaint, "mediator-eligibility"))
    assert response.status_code == 200
    body = response.json()
    assert (body["eligible"], body["code"]) == (False, "appeal_first")
    assert body["eligible_from"] is None
    assert body["from_unknown"]
    assert body["eligible_until"] == "2027-01-12T23:59:59.999999+01:00"
    other = client_for(cast.other_customer_user).get(url(complaint, "mediator-eligibility"))
    assert other.status_code == 404


def test_eligibility_of_a_phone_complaint_says_why(cast, client_for, at_now):
    phone = complaint_at(RECEIVED, team=cast.front, channel="phone")
    body = client_for(cast.agent).get(url(phone, "mediator-eligibility")).json()
    assert (body["code"], body["eligible_from"], body["eligible_until"]) == (
        "no_written_complaint",
        None,
        None,
    )
    assert body["until_unknown"]


def test_eligibility_of_a_request_is_refused(cast, client_for, at_now):
    request = open_case(received_at=RECEIVED, team=cast.front, kind=CaseKind.REQUEST)
    response = client_for(cast.agent).get(url(request, "mediator-eligibility"))
    assert (response.status_code, response.json()["code"]) == (400, "mediation_not_referable")


@pytest.fixture
def mediation(cast, complaint):
    return refer_at(complaint, paris(2026, 3, 15), actor=cast.agent)


RECORD_STATUS = {
    "customer_user": 403,
    "agent": 200,
    "supervisor": 200,
    "quality_manager": 403,
    "auditor": 403,
    "administrator": 200,
    "other_customer_user": 404,
    None: 401,
}


@pytest.mark.parametrize("role", sorted(RECORD_STATUS, key=str))
def test_recommendation_by_role(cast, client_for, mediation, at_now, role):
    response = client_for(user_or_none(cast, role)).post(
        url(mediation, "mediator-recommendation"),
        {"body": "Refund the fees.", "accepted": True},
        format="json",
    )
    assert response.status_code == RECORD_STATUS[role], response.content
    recorded = CaseEvent.objects.filter(case=mediation, kind=EventKind.MEDIATOR_RECOMMENDED)
    assert recorded.exists() == (response.status_code == 200)
    if response.status_code == 200:
        (clock,) = [c for c in response.json()["clocks"] if c["commitment"] == "T6.7"]
        assert clock["due_at"] == "2026-04-20T23:59:59.999999+02:00"


def test_recommendation_needs_accepted_and_a_mediation_case(cast, client_for, complaint, at_now):
    agent = client_for(cast.agent)
    missing = agent.post(url(complaint, "mediator-recommendation"), {"body": "x"}, format="json")
    assert missing.status_code == 400
    wrong = agent.post(
        url(complaint, "mediator-recommendation"), {"body": "x", "accepted": True}, format="json"
    )
    assert (wrong.status_code, wrong.json()["code"]) == (400, "mediation_case_expected")


def test_application(cast, client_for, mediation, at_now):
    agent = client_for(cast.agent)
    early = agent.post(url(mediation, "recommendation-applied"), {"body": "Done."}, format="json")
    assert (early.status_code, early.json()["code"]) == (
        409,
        "mediation_no_accepted_recommendation",
    )
    recommend_at(mediation, paris(2026, 3, 16), actor=cast.agent)
    done = agent.post(url(mediation, "recommendation-applied"), {"body": "Done."}, format="json")
    assert done.status_code == 200
    clock = Clock.objects.get(case=mediation, commitment__code="T6.7")
    assert (clock.state, clock.met_at) == ("met", NOW)
    again = agent.post(url(mediation, "recommendation-applied"), {"body": "Done."}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "mediation_already_applied")
    empty = agent.post(url(mediation, "recommendation-applied"), {"body": ""}, format="json")
    assert empty.status_code == 400
