"""The stolen-phone pages (T6.4) and the fraud-victim banner (T6.2) on the case page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from pacte.cases.models import CaseEvent, EventKind
from pacte.conftest import Cast
from pacte.core.vocabulary import Channel
from pacte.customers.models import CustomerFact, LineStatus
from pacte.customers.services import customer_fact_set
from pacte.factories import LineFactory, open_case
from pacte.operations.stolen import stolen_phone_block_both, stolen_phone_declare

pytestmark = pytest.mark.django_db

NIGHT = datetime(2026, 11, 8, 1, 10, tzinfo=UTC)  # Sunday, 02:10 in Paris


def client_as(user) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def stolen_case(cast: Cast):
    line = LineFactory.create(account__customer=cast.customer, imei="356938035643809")
    case = stolen_phone_declare(
        customer=cast.customer,
        line=line,
        channel=Channel.PHONE,
        actor=cast.agent,
        lost_or_stolen="stolen",
        team=cast.front,
    )
    return case, line


@time_machine.travel(NIGHT, tick=False)
def test_an_agent_declares_from_the_customer_panel_and_blocks_both(cast: Cast):
    line = LineFactory.create(account__customer=cast.customer)
    call = open_case(received_at=NIGHT, team=cast.front, customer=cast.customer)
    client = client_as(cast.agent)
    page = client.get(f"/cases/{call.pk}/").content.decode()
    assert f"/operations/stolen/new/?customer={cast.customer.reference}" in page
    form = client.get(f"/operations/stolen/new/?customer={cast.customer.reference}")
    assert line.msisdn in form.content.decode()
    done = client.post(
        "/operations/stolen/new/",
        {
            "customer_reference": cast.customer.reference,
            "line": str(line.pk),
            "lost_or_stolen": "lost",
            "channel": "phone",
        },
    )
    case = CaseEvent.objects.get(kind=EventKind.OPENED, case__kind="stolen_phone").case
    assert done["Location"] == f"/cases/{case.pk}/"
    assert case.team == cast.front
    panel = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Block line" in panel
    assert "60 minutes left to block both" in panel
    with time_machine.travel(NIGHT + timedelta(minutes=7), tick=False):
        assert client.post(f"/operations/stolen/{case.pk}/line/").status_code == 302
    with time_machine.travel(NIGHT + timedelta(minutes=9), tick=False):
        assert client.post(f"/operations/stolen/{case.pk}/imei/").status_code == 302
        panel = client.get(f"/cases/{case.pk}/").content.decode()
    assert "1 h clock met: both blocked in 9 minutes" in panel
    assert "Block line" not in panel
    line.refresh_from_db()
    assert (line.status, line.imei_blocked) == (LineStatus.BLOCKED, True)


@time_machine.travel(NIGHT, tick=False)
def test_unblocking_on_screen_is_refused_before_the_identity_check(cast: Cast):
    case, line = stolen_case(cast)
    stolen_phone_block_both(case=case, actor=cast.agent)
    client = client_as(cast.agent)
    refused = client.post(f"/operations/stolen/{case.pk}/unblock/", {"reason": "Found it"})
    assert refused.status_code == 400
    assert "identity checked after the block" in refused.content.decode()
    checked = client.post(
        f"/operations/stolen/{case.pk}/identity/",
        {"method": "security_questions", "questions": "Date of birth"},
    )
    assert checked.status_code == 302
    assert (
        client.post(f"/operations/stolen/{case.pk}/unblock/", {"reason": "Found"}).status_code
        == 302
    )
    line.refresh_from_db()
    assert line.status == LineStatus.ACTIVE


@time_machine.travel(NIGHT, tick=False)
def test_a_reader_and_another_team_cannot_block(cast: Cast):
    case, _line = stolen_case(cast)
    assert client_as(cast.auditor).post(f"/operations/stolen/{case.pk}/line/").status_code == 403
    assert (
        client_as(cast.other_agent).post(f"/operations/stolen/{case.pk}/line/").status_code == 404
    )
    assert client_as(cast.agent).post(f"/operations/stolen/{case.pk}/what/").status_code == 404
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.LINE_BLOCKED).exists()


@time_machine.travel(NIGHT, tick=False)
def test_a_customer_declares_their_own_phone_and_sees_the_times(cast: Cast):
    line = LineFactory.create(account__customer=cast.customer)
    LineFactory.create(account__customer=cast.other_customer)
    client = client_as(cast.customer_user)
    form = client.get("/operations/my-phone/stolen/").content.decode()
    assert line.msisdn in form
    done = client.post(
        "/operations/my-phone/stolen/", {"line": str(line.pk), "lost_or_stolen": "stolen"}
    )
    case = CaseEvent.objects.get(kind=EventKind.OPENED, case__kind="stolen_phone").case
    assert done["Location"] == f"/my-cases/{case.reference}/"
    assert case.channel == Channel.WEB
    stolen_phone_block_both(case=case, actor=cast.agent)
    mine = client.get(f"/my-cases/{case.reference}/").content.decode()
    assert "Line blocked" in mine
    assert "Handset (IMEI) blocked" in mine
    assert "not yet" not in mine


@time_machine.travel(NIGHT, tick=False)
def test_a_customer_cannot_declare_another_customers_line(cast: Cast):
    other_line = LineFactory.create(account__customer=cast.other_customer)
    LineFactory.create(account__customer=cast.customer)
    response = client_as(cast.customer_user).post(
        "/operations/my-phone/stolen/", {"line": str(other_line.pk), "lost_or_stolen": "lost"}
    )
    assert response.status_code == 200  # the form again, the line not a choice
    assert not CaseEvent.objects.filter(case__kind="stolen_phone").exists()


@time_machine.travel(NIGHT, tick=False)
def test_every_agent_sees_since_when_and_why_the_customer_is_a_fraud_victim(cast: Cast):
    customer_fact_set(
        customer=cast.customer,
        fact=CustomerFact.FRAUD_VICTIM,
        value=True,
        actor=cast.supervisor,
        reason="Identity theft reported to the police",
    )
    case = open_case(received_at=NIGHT, team=cast.front, customer=cast.customer)
    with translation.override("en"):
        page = client_as(cast.agent).get(f"/cases/{case.pk}/").content.decode()
    assert "Fraud victim since Sun 8 Nov 2026, 02:10: Identity theft reported to the police" in (
        page.replace("\u00a0", " ")
    )
    other = open_case(received_at=NIGHT, team=cast.front, customer=cast.other_customer)
    assert "fraud-banner" not in client_as(cast.agent).get(f"/cases/{other.pk}/").content.decode()


@time_machine.travel(NIGHT, tick=False)
def test_the_stolen_phone_panel_speaks_french(cast: Cast):
    case, _line = stolen_case(cast)
    client = Client(headers={"Accept-Language": "fr"})
    client.force_login(cast.agent)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Bloquer la ligne" in page
    assert "Bloquer le mobile (IMEI)" in page
    assert "60 minutes restantes pour bloquer les deux" in page
