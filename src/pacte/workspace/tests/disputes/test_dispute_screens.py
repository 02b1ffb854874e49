"""Bill disputes on the screens: filed with the invoice and amount (mail room, New
contact, web form), assessed and corrected from the case page, shown to the customer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from pacte.cases.bills import BillDetails
from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Motive
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory, grant_past_instants, open_case
from pacte.intake.models import ChannelRoute
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def bill(db: None) -> Motive:
    return MotiveFactory.create(code="bill", label_fr="Facture", label_en="Bill", billing=True)


@pytest.fixture
def dispute(cast: Cast, bill: Motive, frozen_now: datetime) -> Case:
    return open_case(
        received_at=frozen_now,
        team=cast.front,
        customer=cast.customer,
        channel=Channel.EMAIL,
        kind=CaseKind.BILL_DISPUTE,
        motive=bill,
        bill=BillDetails.parse(invoice="F-2026-118", amount="42.5"),
    )


def opened_data(case: Case) -> dict[str, object]:
    data: dict[str, object] = CaseEvent.objects.get(case=case, kind=EventKind.OPENED).data
    return data


def test_the_mail_room_files_a_bill_complaint_with_its_invoice_and_amount(
    client: Client, cast: Cast, bill: Motive, frozen_now: datetime
) -> None:
    grant_past_instants(cast.supervisor)
    client = login(client, cast.supervisor)
    body = {
        "received_on": "2026-03-10",
        "scan": SimpleUploadedFile("lettre.pdf", PDF, "application/pdf"),
        "customer_reference": cast.customer.reference,
        "kind": CaseKind.COMPLAINT,
        "motive": bill.pk,
        "subject": "Facture contestée",
        "team": cast.back.pk,
        "invoice": "F-77",
        "amount": "12,3",
    }
    response = client.post("/mailroom/", body)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == CaseKind.BILL_DISPUTE
    assert case.due_at is not None
    assert (opened_data(case)["invoice"], opened_data(case)["amount"]) == ("F-77", "12.30")


def test_the_mail_room_refuses_an_amount_that_is_not_one(
    client: Client, cast: Cast, bill: Motive, frozen_now: datetime
) -> None:
    client = login(client, cast.supervisor)
    body = {
        "received_on": "2026-03-10",
        "scan": SimpleUploadedFile("lettre.pdf", PDF, "application/pdf"),
        "customer_reference": cast.customer.reference,
        "kind": CaseKind.COMPLAINT,
        "motive": bill.pk,
        "subject": "Facture",
        "team": cast.back.pk,
        "amount": "-4",
    }
    response = client.post("/mailroom/", body)
    assert response.status_code == 200
    assert "pas un montant" in response.content.decode()
    assert not Case.objects.exists()


def test_new_contact_files_a_phone_bill_complaint_as_a_dispute(
    client: Client, cast: Cast, bill: Motive, frozen_now: datetime
) -> None:
    client = login(client, cast.agent)
    page = client.get(f"/contact/?customer={cast.customer.reference}").content.decode()
    assert 'name="invoice"' in page
    assert 'name="amount"' in page
    response = client.post(
        f"/contact/?customer={cast.customer.reference}",
        {
            "channel": "phone",
            "kind": "complaint",
            "motive": bill.pk,
            "subject": "Facture trop élevée",
            "team": cast.front.pk,
            "outcome": "open",
            "invoice": "F-5",
            "amount": "9,99",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == CaseKind.BILL_DISPUTE
    assert list(case.clocks.values_list("commitment__code", flat=True)) == ["T5.2"]
    assert opened_data(case)["amount"] == "9.99"


def test_the_web_form_takes_the_invoice_and_amount_and_shows_the_deadline(
    client: Client, cast: Cast, bill: Motive, frozen_now: datetime
) -> None:
    ChannelRoute.objects.create(channel=Channel.WEB, team=cast.front, motive=bill)
    client.force_login(cast.customer_user)
    form = client.get("/public/contact/").content.decode()
    assert 'name="invoice"' in form
    bad = client.post(
        "/public/contact/",
        {
            "kind": "complaint",
            "motive": bill.pk,
            "subject": "Facture",
            "description": "Trop.",
            "amount": "douze",
        },
    )
    assert bad.status_code == 200
    assert "pas un montant" in bad.content.decode()
    assert not Case.objects.exists()
    response = client.post(
        "/public/contact/",
        {
            "kind": "complaint",
            "motive": bill.pk,
            "subject": "Facture",
            "description": "Trop.",
            "invoice": "F-3",
            "amount": "12,50",
        },
    )
    case = Case.objects.get()
    assert (case.kind, opened_data(case)["amount"]) == (CaseKind.BILL_DISPUTE, "12.50")
    done = client.get(response["Location"]).content.decode()
    assert "mar.\u00a017\u00a0mars\u00a02026" in done  # the T5.2 deadline, not a dash


def test_the_case_page_assesses_then_corrects_then_closes(
    client: Client, cast: Cast, dispute: Case
) -> None:
    client = login(client, cast.agent)
    page = client.get(f"/cases/{dispute.pk}/").content.decode()
    assert 'id="dispute"' in page
    assert "F-2026-118" in page
    assert "42,50" in page
    assert "dispute-correction-form" not in page  # not proven yet
    response = client.post(
        f"/cases/{dispute.pk}/dispute/assessment/",
        {"assess-proven": "yes", "assess-reason": "Forfait facturé deux fois.",
         "assess-invoice": "F-2026-118", "assess-amount": "42,50"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/cases/{dispute.pk}/").content.decode()
    assert "Forfait facturé deux fois." in page
    assert "dispute-correction-form" in page
    # closing from the case page is refused while no correction is recorded
    refused = client.post(f"/cases/{dispute.pk}/close/", {"close-reason": "Fini."})
    assert refused.status_code == 200
    assert "correction" in refused.content.decode()
    dispute.refresh_from_db()
    assert dispute.status != CaseStatus.CLOSED
    response = client.post(
        f"/cases/{dispute.pk}/dispute/correction/",
        {"correct-amount": "42,50", "correct-reference": "AV-9", "correct-issued_on": "2026-03-10"},
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{dispute.pk}/").content.decode()
    assert "AV-9" in page
    assert client.post(f"/cases/{dispute.pk}/close/", {"close-reason": "Fini."}).status_code == 302


def test_a_refused_assessment_shows_why(client: Client, cast: Cast, dispute: Case) -> None:
    client = login(client, cast.agent)
    response = client.post(
        f"/cases/{dispute.pk}/dispute/assessment/",
        {"assess-proven": "no", "assess-reason": "  "},
    )
    assert response.status_code == 200
    assert "la raison est requise" in response.content.decode()
    assert not CaseEvent.objects.filter(kind=EventKind.DISPUTE_ASSESSED).exists()


def test_a_refused_correction_shows_why(client: Client, cast: Cast, dispute: Case) -> None:
    client = login(client, cast.agent)
    response = client.post(
        f"/cases/{dispute.pk}/dispute/correction/",
        {"correct-amount": "5", "correct-reference": "AV", "correct-issued_on": "2026-03-10"},
    )
    assert response.status_code == 200
    assert "avérée" in response.content.decode()
    assert not CaseEvent.objects.filter(kind=EventKind.CORRECTION_ISSUED).exists()


@pytest.mark.parametrize(("role", "status"), [("auditor", 403), ("other_agent", 404)])
def test_readers_and_other_teams_may_not_assess(
    client: Client, cast: Cast, dispute: Case, role: str, status: int
) -> None:
    client = login(client, cast.by_role_name(role))
    response = client.post(
        f"/cases/{dispute.pk}/dispute/assessment/", {"assess-proven": "yes", "assess-reason": "r"}
    )
    assert response.status_code == status
    if role == "auditor":
        page = client.get(f"/cases/{dispute.pk}/").content.decode()
        assert 'id="dispute"' in page
        assert "dispute-assess-form" not in page


def test_the_customer_sees_the_assessment_and_the_correction(
    client: Client, cast: Cast, dispute: Case
) -> None:
    from pacte.complaints.disputes import correction_issue, dispute_assess

    dispute_assess(case=dispute, actor=cast.agent, proven=True, reason="Facturé deux fois.")
    correction_issue(
        case=dispute,
        actor=cast.agent,
        amount="42,50",
        reference="AV-9",
        issued_on=dispute.received_at.date(),
    )
    page = login(client, cast.customer_user).get(f"/my-cases/{dispute.reference}/")
    content = page.content.decode()
    assert page.status_code == 200
    assert "Facturé deux fois." in content
    assert "AV-9" in content
    assert "42,50" in content
    assert "dispute-assess-form" not in content
    assert str(cast.agent) not in content  # who assessed stays internal
