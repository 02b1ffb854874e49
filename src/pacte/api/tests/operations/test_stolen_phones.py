"""The stolen-phone endpoints (T6.4): the IVR declares by number and blocks, 24/7; the
unblocking is refused without an identity check; who sees a declaration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.conftest import Cast
from pacte.core.models import User
from pacte.factories import LineFactory, TeamFactory, UserFactory, grant_past_instants
from pacte.operations.identity import identity_check_record

pytestmark = pytest.mark.django_db

NIGHT = datetime(2026, 11, 8, 1, 10, tzinfo=UTC)


def ivr() -> User:
    user = UserFactory.create(username="ivr", role="")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="operations", codename="add_lineevent")
    )
    return grant_past_instants(user)


def api_as(user: User) -> APIClient:
    client = APIClient(headers={"Accept-Language": "en"})
    client.force_authenticate(user)
    return client


@time_machine.travel(NIGHT, tick=False)
def test_the_ivr_declares_by_number_late_recorded_and_blocks_both_in_time(cast: Cast):
    line = LineFactory.create(account__customer=cast.customer, msisdn="+33612345678")
    client = api_as(ivr())
    taken = NIGHT - timedelta(minutes=20)
    created = client.post(
        "/api/stolen-phones/",
        {"msisdn": "+33612345678", "lost_or_stolen": "stolen", "at": taken.isoformat()},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["msisdn"] == line.msisdn
    assert datetime.fromisoformat(body["declared_at"]) == taken
    reference = body["reference"]
    assert CaseEvent.objects.get(kind=EventKind.OPENED, case__kind="stolen_phone").late_recorded
    assert client.post(f"/api/stolen-phones/{reference}/line-blocked/").status_code == 200
    done = client.post(f"/api/stolen-phones/{reference}/imei-blocked/")
    assert done.status_code == 200
    assert done.json()["blocked_in_time"] is True
    again = client.post(f"/api/stolen-phones/{reference}/imei-blocked/")
    assert (again.status_code, again.json()["code"]) == (400, "stolen_phone_already_blocked")
    assert client.get(f"/api/stolen-phones/{reference}/").json()["line_blocked_at"] is not None


@time_machine.travel(NIGHT, tick=False)
def test_unblocking_through_the_api_needs_the_identity_check(cast: Cast):
    TeamFactory.create(code="aaa")  # not the agent's: the declaration goes to its team
    line = LineFactory.create(account__customer=cast.customer)
    agent = api_as(cast.agent)
    created = agent.post(
        "/api/stolen-phones/", {"msisdn": line.msisdn, "lost_or_stolen": "lost"}, format="json"
    )
    reference = created.json()["reference"]
    case = Case.objects.get(kind="stolen_phone")
    case.team = cast.front
    case.save(update_fields=["team"])
    agent.post(f"/api/stolen-phones/{reference}/line-blocked/")
    refused = agent.post(f"/api/stolen-phones/{reference}/unblock/", {"reason": "Found"})
    assert (refused.status_code, refused.json()["code"]) == (400, "unblock_identity_check_required")
    identity_check_record(case=case, actor=cast.agent, method="one_time_code")
    done = agent.post(f"/api/stolen-phones/{reference}/unblock/", {"reason": "Found"})
    assert done.status_code == 200
    assert done.json()["unblocked_at"] is not None


@time_machine.travel(NIGHT, tick=False)
def test_who_may_declare_and_see(cast: Cast):
    TeamFactory.create(code="aaa")
    line = LineFactory.create(account__customer=cast.customer)
    other_line = LineFactory.create(account__customer=cast.other_customer)
    customer = api_as(cast.customer_user)
    not_mine = customer.post(
        "/api/stolen-phones/", {"msisdn": other_line.msisdn, "lost_or_stolen": "lost"}
    )
    assert not_mine.status_code == 404
    mine = customer.post("/api/stolen-phones/", {"msisdn": line.msisdn, "lost_or_stolen": "lost"})
    assert mine.status_code == 201
    reference = mine.json()["reference"]
    assert customer.get(f"/api/stolen-phones/{reference}/").status_code == 200
    assert customer.post(f"/api/stolen-phones/{reference}/line-blocked/").status_code == 403
    other = api_as(cast.other_customer_user)
    assert other.get(f"/api/stolen-phones/{reference}/").status_code == 404
    auditor = api_as(cast.auditor)
    assert (
        auditor.post(
            "/api/stolen-phones/", {"msisdn": line.msisdn, "lost_or_stolen": "lost"}
        ).status_code
        == 403
    )
    assert auditor.post(f"/api/stolen-phones/{reference}/line-blocked/").status_code == 403
    assert api_as(cast.agent).get("/api/stolen-phones/nonsense/").status_code == 404
    assert not CaseEvent.objects.filter(kind=EventKind.LINE_BLOCKED).exists()
