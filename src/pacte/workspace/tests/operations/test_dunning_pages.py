"""The dunning pages: bills listed and imported (with the report), a contact logged, a
suspension refused on screen with its reason, then allowed; the month's refusals."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pacte.conftest import paris
from pacte.customers.models import LineStatus
from pacte.factories import LineFactory
from pacte.operations.bills_import import bills_csv
from pacte.operations.models import UnpaidBill
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db

CONTACT = paris(2026, 11, 2, 10)


@pytest.fixture
def line(cast):
    line = LineFactory.create(account__customer=cast.customer)
    UnpaidBill.objects.create(
        account=line.account,
        line=line,
        invoice="F-77",
        amount=Decimal("30.00"),
        due_on=CONTACT.date(),
        reported_at=CONTACT - timedelta(days=5),
    )
    return line


def test_the_list_filters_and_links_to_the_line(client, cast, line):
    login(client, cast.agent)
    page = client.get(reverse("workspace:unpaid_bills"), {"line": line.msisdn})
    assert page.status_code == 200
    assert b"F-77" in page.content
    assert reverse("workspace:dunning_line", args=[line.pk]).encode() in page.content
    other = client.get(reverse("workspace:unpaid_bills"), {"account": "nobody"})
    assert b"F-77" not in other.content


def test_an_import_shows_the_report_and_imports_nothing(client, cast, line):
    login(client, cast.supervisor)
    content = bills_csv(
        [
            (line.account.number, line.msisdn, "F-78", "10", "2026-11-30"),
            ("NOPE", "", "F-79", "10", "2026-11-30"),
        ]
    )
    upload = SimpleUploadedFile("bills.csv", content, content_type="text/csv")
    url = reverse("workspace:unpaid_bills_import")
    refused = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "Unknown account “NOPE”." in refused.content.decode()
    assert UnpaidBill.objects.count() == 1
    good = SimpleUploadedFile("good.csv", content.splitlines()[0] + b"\n" + content.splitlines()[1])
    assert client.post(url, {"file": good}).status_code == 200
    assert UnpaidBill.objects.count() == 2


def test_a_suspension_is_refused_on_screen_then_allowed_after_a_contact(client, cast, line):
    panel = reverse("workspace:dunning_line", args=[line.pk])
    login(client, cast.agent)
    with time_machine.travel(CONTACT, tick=False):
        logged = client.post(
            reverse("workspace:dunning_contact", args=[line.pk]),
            {"channel": "phone", "content": "Pay online.", "means": ["pay_online", "shop"]},
        )
    assert logged.status_code == 302
    assert client.post(reverse("workspace:dunning_suspend", args=[line.pk])).status_code == 403
    login(client, cast.supervisor)
    suspend = reverse("workspace:dunning_suspend", args=[line.pk])
    with time_machine.travel(CONTACT + timedelta(days=7), tick=False):
        refused = client.post(suspend, {"reason": "Unpaid"}, HTTP_ACCEPT_LANGUAGE="en")
        assert refused.status_code == 400
        text = refused.content.decode()
        assert "Suspension refused (rule T4.3)" in text
        assert "allowed from Tue\u00a010\u00a0Nov\u00a02026, 10:00" in text
        month = client.get(reverse("workspace:suspensions_refused"), HTTP_ACCEPT_LANGUAGE="en")
        assert "Unpaid" in month.content.decode()
    with time_machine.travel(CONTACT + timedelta(days=8), tick=False):
        assert client.post(suspend, {"reason": "Unpaid"}).status_code == 302
        assert client.get(panel).status_code == 200
    line.refresh_from_db()
    assert line.status == LineStatus.SUSPENDED


def test_the_panel_speaks_french_and_a_bad_month_shows_this_month(client, cast, line):
    login(client, cast.supervisor)
    with time_machine.travel(CONTACT, tick=False):
        panel = client.get(reverse("workspace:dunning_line", args=[line.pk]))
        month = client.get(reverse("workspace:suspensions_refused"), {"month": "2026-13"})
    text = panel.content.decode()
    assert "Suspendre la ligne" in text
    assert "Aucune tentative de contact donnant les moyens de régulariser" in text
    assert month.status_code == 200
    assert "2026-11" in month.content.decode()
