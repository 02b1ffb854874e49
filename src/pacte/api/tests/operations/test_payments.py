"""The payment and restoration endpoints (T4.4): who may call them, every refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import LineStatus
from pacte.factories import UserFactory, open_case
from pacte.operations.models import Payment
from pacte.operations.tests.restoration_data import suspended_line

pytestmark = pytest.mark.django_db

PAYMENTS = "/api/payments/"
IMPORT = "/api/payments/import/"
RESTORATIONS = "/api/restorations/"


@pytest.fixture
def line(cast, frozen_now):
    return suspended_line(at=frozen_now - timedelta(days=2))


def _body(line, **changes):
    return {
        "account": line.account.number,
        "reference": "PAY-1",
        "amount": "42.10",
        "paid_on": "2026-03-09",
        **changes,
    }


def test_the_billing_system_registers_a_payment_and_the_restoration_is_queued(
    cast, line, client_for: ClientFor, frozen_now
):
    billing = UserFactory.create(username="billing", role=Role.CUSTOMER)
    billing.user_permissions.add(Permission.objects.get(codename="add_payment"))
    response = client_for(billing).post(PAYMENTS, _body(line), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["reference"], data["amount"], data["registered_through"], data["created"]) == (
        "PAY-1",
        "42.10",
        "api",
        True,
    )
    (reference,) = data["restorations"]
    case = Case.objects.get(kind=CaseKind.RESTORATION)
    assert (case.reference, case.received_at) == (reference, frozen_now)
    # the same payment again: 200, nothing new
    again = client_for(billing).post(PAYMENTS, _body(line), format="json")
    assert (again.status_code, again.json()["created"], again.json()["id"]) == (
        200,
        False,
        data["id"],
    )
    # the same reference for another amount: 409 with the reason
    other = client_for(billing).post(PAYMENTS, _body(line, amount="1.00"), format="json")
    assert other.status_code == 409
    assert other.json()["code"] == "payment_reference_reused"
    assert "42.10" in other.json()["detail"]
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("agent", 201),
        ("supervisor", 201),
        ("administrator", 201),
        ("quality_manager", 403),
        ("auditor", 403),
        ("customer_user", 403),
        ("distributor_user", 403),
    ],
)
def test_who_may_register_a_payment(cast, line, client_for: ClientFor, role, expected):
    response = client_for(getattr(cast, role)).post(PAYMENTS, _body(line), format="json")
    assert response.status_code == expected
    assert Payment.objects.count() == (1 if expected == 201 else 0)


def test_anonymous_is_refused(line, client_for: ClientFor):
    assert client_for(None).post(PAYMENTS, _body(line), format="json").status_code in (401, 403)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"account": "NOPE"}, "payment_account_unknown"),
        ({"amount": "0"}, "invalid"),
        ({"amount": "1.234"}, "invalid"),
        ({"paid_on": "2026-03-11"}, "payment_date_invalid"),
        ({"reference": ""}, "invalid"),
    ],
)
def test_invalid_payments_are_400_with_a_reason(cast, line, client_for: ClientFor, changes, code):
    response = client_for(cast.agent).post(PAYMENTS, _body(line, **changes), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Payment.objects.exists()


def _csv(text: str, name="payments.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_a_csv_file_is_imported_once(cast, line, client_for: ClientFor):
    text = f"account,reference,amount,paid_on\n{line.account.number},P1,10.00,2026-03-09\n"
    client = client_for(cast.supervisor)
    first = client.post(IMPORT, {"file": _csv(text)}, format="multipart")
    assert first.status_code == 201, first.json()
    assert (first.json()["imported"], first.json()["accepted"]) == (True, 1)
    again = client.post(IMPORT, {"file": _csv(text)}, format="multipart")
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    assert Payment.objects.count() == 1


def test_a_bad_csv_file_is_422_with_its_bad_rows(cast, line, client_for: ClientFor):
    text = "account,reference,amount,paid_on\nNOPE,P1,10.00,2026-03-09\n"
    response = client_for(cast.agent).post(IMPORT, {"file": _csv(text)}, format="multipart")
    assert response.status_code == 422
    assert response.json()["code"] == "payments_import_refused"
    assert response.json()["field_errors"]["file"] == ["2: no account numbered “NOPE”"]
    assert not Payment.objects.exists()
    refused = client_for(cast.auditor).post(IMPORT, {"file": _csv(text)}, format="multipart")
    assert refused.status_code == 403


def _queued(cast, line, frozen_now):
    response = None
    with time_machine.travel(frozen_now - timedelta(hours=3), tick=False):
        from pacte.operations.payments import payment_register

        response = payment_register(
            account=line.account,
            reference="P9",
            amount="5.00",
            paid_on=frozen_now.date() - timedelta(days=1),
            actor=cast.agent,
            source="screen",
        )
    (case,) = response.restorations
    return case


def test_restorations_are_listed_and_the_overdue_ones_filtered(
    cast, line, client_for: ClientFor, frozen_now
):
    case = _queued(cast, line, frozen_now)
    client = client_for(cast.supervisor)
    (row,) = client.get(RESTORATIONS, {"overdue": "1"}).json()
    assert (row["reference"], row["msisdn"], row["minutes_since_payment"]) == (
        case.reference,
        line.msisdn,
        180,
    )
    assert (row["overdue"], row["breached"]) == (True, False)
    assert client.get(RESTORATIONS, {"overdue": "maybe"}).status_code == 400
    assert client_for(cast.customer_user).get(RESTORATIONS).status_code == 403
    # the restoration went to the first team (back); an agent of another team does not see it
    assert row["team"] == "back"
    assert client_for(cast.agent).get(RESTORATIONS).json() == []


def test_a_restoration_is_recorded_through_the_api(cast, line, client_for: ClientFor, frozen_now):
    case = _queued(cast, line, frozen_now)
    url = f"{RESTORATIONS}{case.reference}/restored/"
    assert client_for(cast.auditor).post(url).status_code == 403
    assert client_for(cast.agent).post(url).status_code == 404
    response = client_for(cast.supervisor).post(url)
    assert response.status_code == 200, response.json()
    assert response.json()["restored_at"].startswith("2026-03-10T")
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
    again = client_for(cast.supervisor).post(url)
    assert again.json() == response.json()
    assert CaseEvent.objects.filter(case=case, kind=EventKind.LINE_RESTORED).count() == 1
    assert client_for(cast.supervisor).post(f"{RESTORATIONS}P99999999/restored/").status_code == 404
    other = open_case(received_at=frozen_now, team=cast.front)
    wrong = client_for(cast.supervisor).post(f"{RESTORATIONS}{other.reference}/restored/")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "case_not_restoration")
