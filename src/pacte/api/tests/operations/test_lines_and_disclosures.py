"""The lines and disclosure endpoints: a customer's lines, a line's history, the
identity check and the disclosures of a phone or chat case, with every refusal."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.conftest import PARIS, Cast
from pacte.core.vocabulary import Channel
from pacte.customers.models import Line, LineStatus
from pacte.factories import AccountFactory, LineFactory, open_case
from pacte.operations.identity import identity_check_record
from pacte.operations.lines import line_status_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(cast: Cast) -> Line:
    account = AccountFactory.create(customer=cast.customer)
    return LineFactory.create(account=account, iccid="8933010000000000017", offer="Forfait 5 Go")


@pytest.fixture
def call(cast: Cast, frozen_now: datetime) -> Case:
    return open_case(
        received_at=datetime(2026, 3, 10, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
        channel=Channel.CHAT,
    )


def test_an_agent_reads_the_lines_of_a_customer_of_their_cases(cast, client_for, call, line):
    response = client_for(cast.agent).get(f"/api/customers/{cast.customer.reference}/lines/")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["customer"] == cast.customer.reference
    (row,) = body["lines"]
    assert (row["msisdn"], row["iccid"], row["offer"], row["status"], row["imei_blocked"]) == (
        line.msisdn,
        "8933010000000000017",
        "Forfait 5 Go",
        "active",
        False,
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("other_agent", 404), ("customer_user", 403), ("distributor_user", 403), (None, 401)],
)
def test_the_lines_are_refused_by_role_and_visibility(cast, client_for, call, line, role, status):
    user = cast.by_role_name(role) if role else None
    response = client_for(user).get(f"/api/customers/{cast.customer.reference}/lines/")
    assert response.status_code in ((401, 403) if status == 401 else (status,))
    history = client_for(user).get(f"/api/lines/{line.pk}/history/")
    assert history.status_code in ((401, 403) if status == 401 else (status,))


def test_a_line_history_names_the_cause_and_the_case(cast, client_for, call, line):
    line_status_set(
        line=line,
        status=LineStatus.BLOCKED,
        reason="Phone stolen.",
        actor=cast.agent,
        case=call,
        imei_blocked=True,
        data={"cause": "stolen"},
    )
    response = client_for(cast.auditor).get(f"/api/lines/{line.pk}/history/")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["line"]["status"] == "blocked"
    (event,) = body["history"]
    assert (event["status_from"], event["status_to"], event["cause"], event["case"]) == (
        "active",
        "blocked",
        "stolen",
        call.reference,
    )
    assert (event["actor"], event["reason"], event["imei_blocked"]) == (
        "agent",
        "Phone stolen.",
        True,
    )


def test_an_unknown_line_is_404(cast, client_for):
    response = client_for(cast.supervisor).get("/api/lines/999999/history/")
    assert (response.status_code, response.json()["code"]) == (404, "line_not_of_customer")


def test_a_disclosure_before_the_check_is_400_with_the_reason(cast, client_for, call):
    response = client_for(cast.agent).post(
        f"/api/cases/{call.pk}/disclosures/", {"what": "bills"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (
        400,
        "disclosure_identity_unchecked",
    )
    assert "identity" in response.json()["detail"]
    assert not CaseEvent.objects.filter(kind=EventKind.DATA_DISCLOSED).exists()


def test_the_check_then_the_disclosure_are_recorded(cast, client_for, call):
    client = client_for(cast.agent)
    checked = client.post(
        f"/api/cases/{call.pk}/identity-check/",
        {"method": "one_time_code", "questions": ["Code sent by SMS"]},
        format="json",
    )
    assert checked.status_code == 200, checked.json()
    told = client.post(
        f"/api/cases/{call.pk}/disclosures/",
        {"what": "contract", "body": "Ends in May."},
        format="json",
    )
    assert told.status_code == 200, told.json()
    check = CaseEvent.objects.get(case=call, kind=EventKind.IDENTITY_CHECKED)
    disclosed = CaseEvent.objects.get(case=call, kind=EventKind.DATA_DISCLOSED)
    assert check.data == {"method": "one_time_code", "questions": ["Code sent by SMS"]}
    assert (disclosed.data, disclosed.body) == (
        {"what": "contract", "identity_check": check.pk},
        "Ends in May.",
    )


@pytest.mark.parametrize("path", ["identity-check", "disclosures"])
@pytest.mark.parametrize(("role", "status"), [("auditor", 403), ("other_agent", 404)])
def test_readers_get_403_and_unseen_cases_404(cast, client_for, call, path, role, status):
    body = {"method": "one_time_code", "what": "bills"}
    response = client_for(cast.by_role_name(role)).post(
        f"/api/cases/{call.pk}/{path}/", body, format="json"
    )
    assert response.status_code == status
    assert CaseEvent.objects.filter(case=call).count() == 1  # OPENED only


def test_a_check_on_a_written_case_is_400(cast, client_for, frozen_now):
    letter = open_case(received_at=frozen_now, team=cast.front, customer=cast.customer)
    response = client_for(cast.agent).post(
        f"/api/cases/{letter.pk}/identity-check/", {"method": "document"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "identity_check_channel")


def test_bad_bodies_are_400(cast, client_for, call):
    identity_check_record(case=call, actor=cast.agent, method="one_time_code")
    client = client_for(cast.agent)
    for path, body in [
        ("identity-check", {"method": "telepathy"}),
        ("identity-check", {"method": "document", "questions": "not a list"}),
        ("disclosures", {"what": "password"}),
        ("disclosures", {}),
    ]:
        response = client.post(f"/api/cases/{call.pk}/{path}/", body, format="json")
        assert response.status_code == 400, (path, body)
