"""Payment and restoration pages (T4.4): register a payment, import a file, the
restorations overdue on the supervisor's screen, a restoration recorded by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.conftest import paris
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import LineStatus
from pacte.operations.models import Payment
from pacte.operations.payments import payment_register
from pacte.operations.tests.restoration_data import suspended_line
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db

NOW = paris(2026, 11, 10, 15)


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_an_agent_registers_a_payment_and_the_restoration_is_named(client, cast):
    line = suspended_line(at=NOW - timedelta(days=3))
    body = {
        "account": line.account.number,
        "reference": "R1",
        "amount": "12,50",
        "paid_on": "2026-11-09",
    }
    with time_machine.travel(NOW, tick=False):
        response = login(client, cast.agent).post(
            reverse("workspace:payment_new"), body, follow=True
        )
    content = response.content.decode()
    assert "Payment R1 registered." in content
    case = Case.objects.get(kind=CaseKind.RESTORATION)
    assert case.reference in content
    assert str(Payment.objects.get().amount) == "12.50"


def test_a_refused_payment_is_shown_on_its_field_in_french(client, cast):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    line = suspended_line(at=NOW - timedelta(days=3))
    body = {
        "account": line.account.number,
        "reference": "R1",
        "amount": "10",
        "paid_on": "2026-11-20",
    }
    with time_machine.travel(NOW, tick=False):
        response = login(client, cast.agent).post(reverse("workspace:payment_new"), body)
    assert response.status_code == 200
    assert "La date du paiement ne peut pas être postérieure à aujourd\u2019hui." in (
        response.content.decode()
    )
    assert not Payment.objects.exists()


def test_an_unknown_account_is_refused_on_the_form(client, cast):
    body = {"account": "NOPE", "reference": "R1", "amount": "10", "paid_on": "2026-11-09"}
    with time_machine.travel(NOW, tick=False):
        response = login(client, cast.agent).post(reverse("workspace:payment_new"), body)
    assert "No account numbered “NOPE”." in response.content.decode()


def test_the_import_page_shows_the_bad_rows_then_imports_a_good_file(client, cast):
    line = suspended_line(at=NOW - timedelta(days=3))
    bad = "account,reference,amount,paid_on\nNOPE,P1,1.00,2026-11-09\n"
    good = f"account,reference,amount,paid_on\n{line.account.number},P1,1.00,2026-11-09\n"
    client = login(client, cast.supervisor)
    url = reverse("workspace:payments_import")
    with time_machine.travel(NOW, tick=False):
        refused = client.post(url, {"file": SimpleUploadedFile("p.csv", bad.encode())})
        imported = client.post(url, {"file": SimpleUploadedFile("p.csv", good.encode())})
        again = client.post(url, {"file": SimpleUploadedFile("q.csv", good.encode())})
    assert "Nothing was imported: 1 row is refused." in refused.content.decode()
    assert "no account numbered “NOPE”" in refused.content.decode()
    assert "1 payment imported." in imported.content.decode()
    assert "already imported" in again.content.decode()
    assert Payment.objects.count() == 1


def _paid(line, at, reference):
    with time_machine.travel(at, tick=False):
        (case,) = payment_register(
            account=line.account,
            reference=reference,
            amount="5.00",
            paid_on=at.date(),
            actor=None,
            source="api",
        ).restorations
    return case


def test_the_supervisor_sees_the_restorations_overdue_with_the_time_since_payment(client, cast):
    late = _paid(
        suspended_line(at=NOW - timedelta(days=3)), NOW - timedelta(hours=4, minutes=7), "A"
    )
    overdue = _paid(
        suspended_line(at=NOW - timedelta(days=3)), NOW - timedelta(hours=2, minutes=5), "B"
    )
    _paid(suspended_line(at=NOW - timedelta(days=3)), NOW - timedelta(minutes=30), "C")
    client = login(client, cast.supervisor)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("workspace:restorations")).content.decode()
        dashboard = client.get(reverse("workspace:supervisor")).content.decode()
    assert f'data-case="{late.reference}" class="breached"' in page
    assert "4 h 07 min" in page
    assert f'data-case="{overdue.reference}">' in page
    assert "2 h 05 min" in page
    assert 'data-overdue="2" data-breached="1"' in dashboard
    assert "2 restorations overdue" in dashboard


def test_an_agent_records_a_restoration_by_hand(client, cast):
    line = suspended_line(at=NOW - timedelta(days=3))
    case = _paid(line, NOW - timedelta(hours=3), "A")
    url = reverse("workspace:restoration_restored", args=[case.pk])
    with time_machine.travel(NOW, tick=False):
        assert login(client, cast.auditor).post(url).status_code == 403
        response = login(client, cast.supervisor).post(url)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE
    event = CaseEvent.objects.get(case=case, kind=EventKind.LINE_RESTORED)
    assert (event.actor, event.at) == (cast.supervisor, NOW)
