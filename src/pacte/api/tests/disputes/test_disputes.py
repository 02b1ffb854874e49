"""POST /api/cases/{id}/dispute-assessment/ and /correction/: every rule and refusal."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytest_django import Settings

from pacte.api.tests.conftest import ClientFor
from pacte.cases.bills import BillDetails
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute(cast: Cast, frozen_now: datetime) -> Case:
    return open_case(
        received_at=frozen_now,
        team=cast.front,
        customer=cast.customer,
        channel=Channel.LETTER,
        kind=CaseKind.BILL_DISPUTE,
        motive=MotiveFactory.create(code="bill", billing=True),
        bill=BillDetails.parse(invoice="F-118", amount="42.50"),
    )


def assessment(case: Case) -> str:
    return f"/api/cases/{case.pk}/dispute-assessment/"


def correction(case: Case) -> str:
    return f"/api/cases/{case.pk}/correction/"


PROVEN = {"proven": True, "reason": "Billed twice."}
CREDIT = {"amount": "42,50", "reference": "AV-1", "issued_on": "2026-03-10"}


def test_an_agent_assesses_then_records_the_credit_then_closes(
    cast: Cast, dispute: Case, client_for: ClientFor
) -> None:
    client = client_for(cast.agent)
    response = client.post(assessment(dispute), PROVEN, format="json")
    assert response.status_code == 200, response.json()
    event = CaseEvent.objects.get(case=dispute, kind=EventKind.DISPUTE_ASSESSED)
    assert (event.body, event.data) == (
        "Billed twice.",
        {"proven": True, "invoice": "F-118", "amount": "42.50"},
    )
    assert "dispute_assessed" in [item["kind"] for item in response.json()["events"]]
    # closing now is refused: the dispute is proven and not corrected
    refused = client.post(f"/api/cases/{dispute.pk}/close/", {"reason": "x"}, format="json")
    assert refused.status_code == 409  # a conflict: it may succeed once corrected
    assert refused.json()["code"] == "proven_dispute_not_corrected"
    assert "correction" in refused.json()["detail"]
    response = client.post(correction(dispute), CREDIT, format="json")
    assert response.status_code == 200, response.json()
    event = CaseEvent.objects.get(case=dispute, kind=EventKind.CORRECTION_ISSUED)
    assert event.data == {"amount": "42.50", "reference": "AV-1", "issued_on": "2026-03-10"}
    closed = client.post(f"/api/cases/{dispute.pk}/close/", {"reason": "x"}, format="json")
    assert closed.status_code == 200


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"proven": True, "reason": " "}, "dispute_reason_required"),
        ({"proven": True, "reason": "r", "amount": "-1"}, "amount_invalid"),
        ({"proven": True, "reason": "r", "amount": "12,345"}, "amount_invalid"),
        ({"reason": "r"}, "invalid"),
    ],
)
def test_an_assessment_refused(
    cast: Cast, dispute: Case, client_for: ClientFor, body: dict[str, object], code: str
) -> None:
    response = client_for(cast.agent).post(assessment(dispute), body, format="json")
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert not CaseEvent.objects.filter(kind=EventKind.DISPUTE_ASSESSED).exists()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({**CREDIT, "amount": "0"}, "correction_amount_not_positive"),
        ({**CREDIT, "amount": "dix"}, "amount_invalid"),
        ({**CREDIT, "reference": ""}, "correction_reference_required"),
        ({**CREDIT, "issued_on": "2026-03-11"}, "correction_in_future"),
        ({**CREDIT, "issued_on": "10/03/2026"}, "invalid"),
    ],
)
def test_a_correction_refused(
    cast: Cast, dispute: Case, client_for: ClientFor, body: dict[str, object], code: str
) -> None:
    client = client_for(cast.agent)
    assert client.post(assessment(dispute), PROVEN, format="json").status_code == 200
    response = client.post(correction(dispute), body, format="json")
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert not CaseEvent.objects.filter(kind=EventKind.CORRECTION_ISSUED).exists()


def test_no_correction_for_a_dispute_not_proven(
    cast: Cast, dispute: Case, client_for: ClientFor
) -> None:
    client = client_for(cast.agent)
    response = client.post(correction(dispute), CREDIT, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "dispute_not_proven")
    client.post(assessment(dispute), {"proven": False, "reason": "Bill correct."}, format="json")
    response = client.post(correction(dispute), CREDIT, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "dispute_not_proven")


def test_a_closed_dispute_is_a_conflict(cast: Cast, dispute: Case, client_for: ClientFor) -> None:
    client = client_for(cast.agent)
    assert client.post(f"/api/cases/{dispute.pk}/close/", {"reason": "x"}, format="json")
    response = client.post(assessment(dispute), PROVEN, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "case_closed")


def test_a_case_that_is_not_a_dispute(cast: Cast, case: Case, client_for: ClientFor) -> None:
    response = client_for(cast.agent).post(assessment(case), PROVEN, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "not_a_bill_dispute")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("auditor", 403),
        ("quality_manager", 403),
        ("customer_user", 403),  # the customer sees their dispute, but does not assess it
        ("other_customer_user", 404),
        ("other_agent", 404),  # another team's agent does not see it
        ("distributor_user", 404),
    ],
)
def test_who_may_not(
    cast: Cast, dispute: Case, client_for: ClientFor, role: str, status: int
) -> None:
    client = client_for(cast.by_role_name(role))
    assert client.post(assessment(dispute), PROVEN, format="json").status_code == status
    assert client.post(correction(dispute), CREDIT, format="json").status_code == status
    assert not CaseEvent.objects.filter(
        kind__in=[EventKind.DISPUTE_ASSESSED, EventKind.CORRECTION_ISSUED]
    ).exists()


def test_anonymous_is_refused(dispute: Case, client_for: ClientFor) -> None:
    assert client_for(None).post(assessment(dispute), PROVEN, format="json").status_code in (
        401,
        403,
    )


@pytest.mark.parametrize("role", ["agent", "customer_user"])
def test_a_bill_complaint_opened_through_the_api_keeps_its_invoice_and_amount(
    cast: Cast, client_for: ClientFor, settings: Settings, frozen_now: datetime, role: str
) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = cast.front.code
    MotiveFactory.create(code="bill", billing=True)
    body: dict[str, object] = {
        "kind": "complaint",
        "motive": "bill",
        "subject": "Bill too high",
        "invoice": "F-12",
        "amount": "12,5",
    }
    if role == "agent":
        body |= {"channel": "phone", "team": "front", "customer_reference": cast.customer.reference}
    response = client_for(cast.by_role_name(role)).post("/api/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert case.kind == CaseKind.BILL_DISPUTE
    assert list(case.clocks.values_list("commitment__code", flat=True)) == ["T5.2"]
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    assert (opened.data["invoice"], opened.data["amount"]) == ("F-12", "12.50")


def test_an_api_filing_with_a_bad_amount_opens_nothing(
    cast: Cast, client_for: ClientFor, body: dict[str, object]
) -> None:
    response = client_for(cast.agent).post("/api/cases/", {**body, "amount": "-2"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "amount_invalid")
    assert not Case.objects.exists()
