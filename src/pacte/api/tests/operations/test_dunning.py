"""POST /api/unpaid-bills/ and /api/unpaid-bills/import/: the billing system's bills."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from pacte.core.roles import Role
from pacte.factories import LineFactory, UserFactory
from pacte.operations.bills_import import bills_csv
from pacte.operations.models import UnpaidBill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def billing():
    user = UserFactory.create(username="billing", role=Role.CUSTOMER)
    user.user_permissions.add(
        Permission.objects.get(codename="add_unpaidbill", content_type__app_label="operations")
    )
    return user


def test_the_billing_system_reports_a_bill_once(client_for, billing, cast):
    line = LineFactory.create()
    body = {
        "account": line.account.number,
        "line": line.msisdn,
        "invoice": "F-1",
        "amount": "12,50",
        "due_on": "2026-02-01",
    }
    client = client_for(billing)
    created = client.post("/api/unpaid-bills/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["amount"] == "12.50"
    assert created.json()["line"] == line.msisdn
    assert client.post("/api/unpaid-bills/", body, format="json").status_code == 200
    conflict = client.post("/api/unpaid-bills/", {**body, "amount": "13"}, format="json")
    assert conflict.status_code == 400
    assert conflict.json()["code"] == "bill_invoice_conflict"
    assert "already known with another amount" in conflict.json()["detail"]
    unknown = client.post("/api/unpaid-bills/", {**body, "account": "X"}, format="json")
    assert unknown.json()["code"] == "bill_account_unknown"
    for user in (cast.agent, cast.customer_user, cast.auditor):
        refused = client_for(user).post("/api/unpaid-bills/", body, format="json")
        assert refused.status_code == 403
    assert UnpaidBill.objects.count() == 1


def test_a_csv_file_is_imported_whole_or_refused_with_its_report(client_for, billing):
    line = LineFactory.create()
    good = bills_csv([(line.account.number, line.msisdn, "F-1", "1,00", "2026-02-01")])
    client = client_for(billing)
    upload = SimpleUploadedFile("bills.csv", good, content_type="text/csv")
    created = client.post("/api/unpaid-bills/import/", {"file": upload}, format="multipart")
    assert created.status_code == 201, created.content
    assert created.json()["accepted"] == 1
    assert created.json()["imported"] is True
    bad = bills_csv(
        [
            (line.account.number, line.msisdn, "F-2", "1,00", "2026-02-01"),
            (line.account.number, line.msisdn, "F-3", "abc", "2026-02-01"),
        ]
    )
    upload = SimpleUploadedFile("bad.csv", bad, content_type="text/csv")
    refused = client.post("/api/unpaid-bills/import/", {"file": upload}, format="multipart")
    assert refused.status_code == 422
    assert refused.json()["code"] == "bills_import_refused"
    assert refused.json()["field_errors"]["file"] == [
        "3: “abc” is not an amount due (more than 0, at most two decimals)."
    ]
    assert UnpaidBill.objects.count() == 1


def test_a_large_file_streamed_from_disk_imports_too(client_for, billing, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # the upload goes to a temporary file
    line = LineFactory.create()
    rows = [(line.account.number, line.msisdn, f"F-{n}", "1,00", "2026-02-01") for n in range(50)]
    upload = SimpleUploadedFile("big.csv", bills_csv(rows), content_type="text/csv")
    created = client_for(billing).post(
        "/api/unpaid-bills/import/", {"file": upload}, format="multipart"
    )
    assert created.status_code == 201, created.content
    assert UnpaidBill.objects.count() == 50
