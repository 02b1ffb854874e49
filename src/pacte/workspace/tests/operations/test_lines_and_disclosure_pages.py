"""The lines pages and the account-data panel on the case page (T3.2-a): the account
data hidden until the caller's identity check is recorded, then shown with the buttons
that record a disclosure; readers see, writers act; a line's history with its case."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.conftest import PARIS, Cast
from pacte.core.vocabulary import Channel
from pacte.customers.models import Line, LineStatus
from pacte.factories import AccountFactory, LineFactory, open_case
from pacte.operations.identity import identity_check_record
from pacte.operations.lines import line_status_set
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def line(cast: Cast) -> Line:
    account = AccountFactory.create(customer=cast.customer)
    return LineFactory.create(
        account=account, iccid="8933010000000000017", imei="356938035643809", offer="Forfait 100 Go"
    )


@pytest.fixture
def call(cast: Cast, frozen_now: datetime, line: Line) -> Case:
    return open_case(
        received_at=datetime(2026, 3, 10, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
        channel=Channel.PHONE,
    )


def _page(client: Client, case: Case) -> str:
    with translation.override("en"):
        response = client.get(reverse("workspace:case", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_before_the_check_the_account_data_is_hidden_and_the_form_asked(client, cast, call):
    html = _page(login(client, cast.agent), call)
    assert 'id="account-data"' in html
    assert "identity-check-form" in html
    assert "Forfait 100 Go" not in html
    assert "disclosure-form" not in html


def test_after_the_check_the_data_and_the_disclosure_buttons_show(client, cast, call):
    login(client, cast.agent)
    url = reverse("workspace:identity_check", args=[call.pk])
    data = {"check-method": "security_questions", "check-questions": "Date of birth\nPostcode"}
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Forfait 100 Go" in html
    assert "356938035643809" in html
    assert "disclosure-form" in html
    check = CaseEvent.objects.get(case=call, kind=EventKind.IDENTITY_CHECKED)
    assert check.data == {
        "method": "security_questions",
        "questions": ["Date of birth", "Postcode"],
    }
    response = client.post(
        reverse("workspace:disclosure", args=[call.pk]), {"disclose-what": "bills"}
    )
    assert response.status_code == 302
    disclosed = CaseEvent.objects.get(case=call, kind=EventKind.DATA_DISCLOSED)
    assert disclosed.data == {"what": "bills", "identity_check": check.pk}
    assert "Forfait 100 Go" in _page(client, call)


def test_a_disclosure_before_the_check_is_refused_on_the_panel(client, cast, call):
    login(client, cast.agent)
    with translation.override("en"):
        response = client.post(
            reverse("workspace:disclosure", args=[call.pk]),
            {"disclose-what": "usage"},
            HTTP_ACCEPT_LANGUAGE="en",
            **HTMX,
        )
    assert response.status_code == 400
    assert "Check the caller" in response.content.decode()
    assert not CaseEvent.objects.filter(case=call, kind=EventKind.DATA_DISCLOSED).exists()


def test_a_reader_sees_the_panel_but_no_form_and_may_not_post(client, cast, call):
    identity_check_record(case=call, actor=cast.agent, method="one_time_code")
    login(client, cast.auditor)
    html = _page(client, call)
    assert "Forfait 100 Go" in html
    assert "disclosure-form" not in html
    response = client.post(
        reverse("workspace:disclosure", args=[call.pk]), {"disclose-what": "bills"}
    )
    assert response.status_code == 403


def test_a_written_case_has_no_account_panel(client, cast, frozen_now, line):
    letter = open_case(received_at=frozen_now, team=cast.front, customer=cast.customer)
    html = _page(login(client, cast.agent), letter)
    assert 'id="account-data"' not in html
    response = client.get(reverse("workspace:account_panel", args=[letter.pk]))
    assert response.status_code == 404


def test_an_agent_of_another_team_gets_404(client, cast, call):
    login(client, cast.other_agent)
    assert client.get(reverse("workspace:account_panel", args=[call.pk])).status_code == 404
    response = client.post(
        reverse("workspace:identity_check", args=[call.pk]), {"check-method": "one_time_code"}
    )
    assert response.status_code == 404


def test_the_customer_lines_and_a_line_history_with_its_case(client, cast, call, line):
    line_status_set(
        line=line,
        status=LineStatus.SUSPENDED,
        reason="Unpaid since January.",
        actor=cast.supervisor,
        case=call,
        data={"cause": "non_payment"},
    )
    login(client, cast.agent)
    with translation.override("en"):
        lines = client.get(
            reverse("workspace:customer_lines", args=[cast.customer.reference]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        history = client.get(reverse("workspace:line", args=[line.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert lines.status_code == 200
    text = lines.content.decode()
    for value in (line.msisdn, line.iccid, line.imei, "Forfait 100 Go", "Suspended"):
        assert value in text
    assert history.status_code == 200
    text = history.content.decode()
    assert "Unpaid since January." in text
    assert "non-payment" in text
    assert reverse("workspace:case", args=[call.pk]) in text
    assert "Active → Suspended" in text


def test_a_line_of_a_customer_one_does_not_see_is_404(client, cast, call, line):
    login(client, cast.other_agent)
    assert client.get(reverse("workspace:line", args=[line.pk])).status_code == 404
    url = reverse("workspace:customer_lines", args=[cast.customer.reference])
    assert client.get(url).status_code == 404


def test_the_panel_speaks_french(client, cast, call):
    login(client, cast.agent)
    with translation.override("fr"):
        response = client.get(reverse("workspace:case", args=[call.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert "Données du compte" in html
    assert "Enregistrer la vérification" in html


def test_without_htmx_a_refusal_is_the_panel_on_its_own_page(client, cast, call):
    login(client, cast.agent)
    response = client.post(
        reverse("workspace:identity_check", args=[call.pk]), {"check-method": "telepathy"}
    )
    assert response.status_code == 400
    assert "workspace/operations/account_page.html" in [t.name for t in response.templates]
    assert not CaseEvent.objects.filter(case=call, kind=EventKind.IDENTITY_CHECKED).exists()
