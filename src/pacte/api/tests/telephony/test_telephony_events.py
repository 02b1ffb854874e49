"""POST /api/telephony/events/ and GET /api/telephony/queues/<name>/wait-estimate/."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from pytest_django import DjangoAssertNumQueries

from pacte.api.telephony.views import MAX_EVENTS
from pacte.api.tests.conftest import ROLES, ClientFor, user_or_none
from pacte.conftest import Cast
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.factories import UserFactory, grant_past_instants
from pacte.telephony.models import Call, CallEvent, CallQueue, QueueVisit, WaitAnnouncement

EVENTS = "/api/telephony/events/"
ESTIMATE = "/api/telephony/queues/{}/wait-estimate/"

pytestmark = pytest.mark.django_db


def integration(*codenames: str, username: str = "acd") -> User:
    """A service account (no staff role) holding these telephony permissions."""
    user = UserFactory.create(username=username, role=Role.CUSTOMER)
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="telephony")
        )
    return User.objects.get(pk=user.pk)  # fresh: permissions are cached per instance


@pytest.fixture
def queue(frozen_now: datetime) -> CallQueue:
    return CallQueue.objects.create(name="support", agents_logged_in=2)


@pytest.fixture
def acd(db: None) -> User:
    """The ACD's account: it reports events as they happen and may catch up on earlier ones."""
    return grant_past_instants(integration("add_callevent", "view_callqueue"))


def event(kind: str, minutes_ago: float, callid: str = "c1", **data: Any) -> dict[str, Any]:
    at = datetime.fromisoformat("2026-03-10T10:00:00+01:00") - timedelta(minutes=minutes_ago)
    return {"callid": callid, "kind": kind, "at": at.isoformat(), "data": data}


# --- events ------------------------------------------------------------------------------


def test_one_event_is_recorded(client_for: ClientFor, acd: User, queue: CallQueue) -> None:
    response = client_for(acd).post(EVENTS, event("queued", 1, queue="support"), format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["recorded"], body["duplicates"]) == (1, 0)
    assert body["results"][0]["status"] == "recorded"
    assert body["results"][0]["event_id"] == CallEvent.objects.get().pk
    assert QueueVisit.objects.get().position == 1


def test_a_list_is_recorded_and_a_replay_changes_nothing(
    client_for: ClientFor, acd: User, queue: CallQueue
) -> None:
    batch = [
        event("entered", 3, caller_number="0612345678"),
        event("queued", 2, queue="support"),
        event("answered", 1, agent="PJSIP/201"),
        event("agents", 1, callid="", queue="support", count=4),
    ]
    client = client_for(acd)

    first = client.post(EVENTS, batch, format="json")
    replay = client.post(EVENTS, batch, format="json")

    assert first.status_code == 201
    assert first.json()["recorded"] == 4
    assert replay.status_code == 200
    assert replay.json()["duplicates"] == 4
    assert [r["status"] for r in replay.json()["results"]] == ["duplicate"] * 4
    assert CallEvent.objects.count() == 3
    assert QueueVisit.objects.get().outcome == "answered"


def test_a_bad_event_names_its_index_and_field_and_nothing_is_recorded(
    client_for: ClientFor, acd: User, queue: CallQueue
) -> None:
    batch = [event("entered", 3), event("queued", 2, queue="support"), event("queued", 1)]

    response = client_for(acd).post(EVENTS, batch, format="json")

    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["index"], body["field"]) == ("invalid_event", 2, "data.queue")
    assert body["detail"].startswith("Event 2, data.queue:")
    assert not Call.objects.exists()


def test_an_unknown_queue_rolls_back_the_whole_batch(
    client_for: ClientFor, acd: User, queue: CallQueue
) -> None:
    batch = [event("queued", 2, queue="support"), event("queued", 1, "c2", queue="sales")]

    response = client_for(acd).post(EVENTS, batch, format="json")

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["index"]) == ("unknown_queue", 1)
    assert "sales" in response.json()["detail"]
    assert not QueueVisit.objects.exists()
    assert not Call.objects.exists()


@pytest.mark.parametrize(
    "body",
    [[], "not json", [1], [{"callid": "c1", "kind": "ended", "at": "later"}]],
)
def test_malformed_bodies_are_refused(
    client_for: ClientFor, acd: User, queue: CallQueue, body: Any
) -> None:
    response = client_for(acd).post(EVENTS, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) >= {"code", "detail"}


def test_too_many_events_are_refused(client_for: ClientFor, acd: User, queue: CallQueue) -> None:
    batch = [event("ended", 1, f"c{index}") for index in range(MAX_EVENTS + 1)]

    response = client_for(acd).post(EVENTS, batch, format="json")

    assert response.status_code == 400
    assert str(MAX_EVENTS) in response.json()["detail"]
    assert not Call.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_staff_and_customers_may_not_post_events_but_administrators_may(
    client_for: ClientFor, cast: Cast, queue: CallQueue, role: str
) -> None:
    response = client_for(user_or_none(cast, role)).post(EVENTS, event("ended", 1), format="json")

    if role == "administrator":
        assert response.status_code == 201
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "events_not_allowed"
        assert not Call.objects.exists()


def test_the_estimate_permission_alone_does_not_post_events(
    client_for: ClientFor, queue: CallQueue
) -> None:
    response = client_for(integration("view_callqueue")).post(
        EVENTS, event("ended", 1), format="json"
    )

    assert response.status_code == 403


def test_anonymous_gets_401(client_for: ClientFor, queue: CallQueue) -> None:
    assert client_for(None).post(EVENTS, event("ended", 1), format="json").status_code == 401
    assert client_for(None).get(ESTIMATE.format("support")).status_code == 401


# --- estimate ----------------------------------------------------------------------------


def test_the_estimate_for_a_waiting_caller_is_answered_and_kept(
    client_for: ClientFor, acd: User, queue: CallQueue
) -> None:
    client = client_for(acd)
    client.post(EVENTS, [event("queued", 3, "a", queue="support")], format="json")
    client.post(EVENTS, [event("queued", 2, "b", queue="support")], format="json")

    response = client.get(ESTIMATE.format("support"), {"callid": "b"})

    assert response.status_code == 200
    # cold queue: Erlang C, 2nd in line, default 180 s handle time, 2 agents
    assert response.json() == {
        "queue": "support",
        "seconds": 180,
        "position": 2,
        "method": "erlang_c",
        "waiting": 2,
        "agents": 2,
        "handle_seconds": 180.0,
        "arrivals_per_hour": 4.0,
        "announced": True,
    }
    announcement = WaitAnnouncement.objects.get()
    assert (announcement.call.callid, announcement.method) == ("b", "erlang_c")
    assert announcement.visit == QueueVisit.objects.get(call__callid="b")


def test_the_estimate_without_callid_is_for_a_newcomer_and_not_kept(
    client_for: ClientFor, acd: User, queue: CallQueue
) -> None:
    response = client_for(acd).get(ESTIMATE.format("support"))

    assert response.status_code == 200
    assert (response.json()["position"], response.json()["seconds"]) == (1, 90)
    assert response.json()["announced"] is False
    assert not WaitAnnouncement.objects.exists()


def test_no_agent_gives_no_figure(client_for: ClientFor, acd: User, frozen_now: datetime) -> None:
    CallQueue.objects.create(name="night")

    response = client_for(acd).get(ESTIMATE.format("night"), {"callid": "x"})

    assert response.status_code == 200
    assert (response.json()["seconds"], response.json()["method"]) == (None, "unknown")


def test_an_unknown_queue_is_404(client_for: ClientFor, acd: User, queue: CallQueue) -> None:
    response = client_for(acd).get(ESTIMATE.format("sales"))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_too_long_callid_is_400(client_for: ClientFor, acd: User, queue: CallQueue) -> None:
    response = client_for(acd).get(ESTIMATE.format("support"), {"callid": "x" * 256})

    assert response.status_code == 400
    assert response.json()["detail"].startswith("callid:")


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_and_the_integration_read_the_estimate(
    client_for: ClientFor, cast: Cast, queue: CallQueue, role: str
) -> None:
    response = client_for(user_or_none(cast, role)).get(ESTIMATE.format("support"))

    assert response.status_code == (200 if role == "administrator" else 403)


def test_the_event_permission_alone_does_not_read_the_estimate(
    client_for: ClientFor, queue: CallQueue
) -> None:
    response = client_for(integration("add_callevent")).get(ESTIMATE.format("support"))

    assert response.status_code == 403
    assert response.json()["code"] == "estimate_not_allowed"


def test_the_estimate_takes_a_fixed_number_of_queries(
    client_for: ClientFor,
    acd: User,
    queue: CallQueue,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(acd)
    batch = [event("queued", 10 - index / 10, f"c{index}", queue="support") for index in range(30)]
    client.post(EVENTS, batch, format="json")

    # permissions (user, group), queue, live state (2), visit and position, and the
    # stored announcement (insert; with the transaction's savepoint it is 3 in a test),
    # then the schemes read and the announcement's month recorded as changed (2)
    with django_assert_num_queries(10):
        response = client.get(ESTIMATE.format("support"), {"callid": "c20"})

    assert response.json()["position"] == 21


def test_an_event_older_than_the_skew_needs_the_permission_and_is_marked_late(
    client_for: ClientFor, queue: CallQueue, acd: User
) -> None:
    # Given an ACD account without the permission to record past instants
    plain = integration("add_callevent", username="acd-2")
    # When it reports an event ten minutes old, the whole batch is refused with a reason
    refused = client_for(plain).post(EVENTS, [event("entered", 10, queue="support")], format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "backdating_not_allowed")
    assert refused.json()["field"] == "at"
    assert not CallEvent.objects.exists()
    # The permissioned account's events are kept: late-recorded when older than the skew
    recorded = client_for(acd).post(
        EVENTS,
        [event("entered", 10, queue="support"), event("queued", 1, queue="support")],
        format="json",
    )
    assert recorded.status_code == 201
    late = dict(CallEvent.objects.values_list("kind", "late_recorded"))
    assert late == {"entered": True, "queued": False}


def test_an_event_outside_the_window_is_refused(
    client_for: ClientFor, queue: CallQueue, acd: User
) -> None:
    response = client_for(acd).post(
        EVENTS, event("entered", 25 * 60, queue="support"), format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "instant_outside_window")
    assert not CallEvent.objects.exists()
