"""Idempotency-Key on POST /api/cases/: replay, conflicting replay, concurrent duplicates."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from pacte.api.common import idempotency
from pacte.api.models import IdempotencyKey
from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case
from pacte.conftest import Cast
from pacte.core.models import User

URL = "/api/cases/"
KEY = "3f1c9a4e-intake-0001"


def test_replay_returns_the_first_response(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    # given a first request with a key
    client = client_for(cast.agent)
    first = client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})
    # when the integration retries it
    replay = client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})
    # then the same case comes back, marked as replayed, and only one exists
    assert (first.status_code, replay.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in first
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert Case.objects.count() == 1
    stored = IdempotencyKey.objects.get()
    assert (stored.user, stored.key, stored.response_status) == (cast.agent, KEY, 201)


def test_replay_ignores_key_order_and_formatting(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    client = client_for(cast.agent)
    first = client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})
    reordered = dict(reversed(list(body.items())))

    replay = client.post(URL, reordered, format="json", headers={"Idempotency-Key": KEY})

    assert replay.json()["id"] == first.json()["id"]


def test_same_key_with_another_body_is_refused(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    client = client_for(cast.agent)
    client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})

    response = client.post(
        URL, body | {"subject": "Another thing"}, format="json", headers={"Idempotency-Key": KEY}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


def test_keys_are_per_user(cast: Cast, client_for: ClientFor, body: dict[str, Any]) -> None:
    client_for(cast.agent).post(URL, body, format="json", headers={"Idempotency-Key": KEY})

    response = client_for(cast.supervisor).post(
        URL, body, format="json", headers={"Idempotency-Key": KEY}
    )

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert Case.objects.count() == 2


def test_a_refused_request_does_not_use_up_the_key(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    client = client_for(cast.agent)
    refused = client.post(
        URL, body | {"motive": "nope"}, format="json", headers={"Idempotency-Key": KEY}
    )

    fixed = client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})

    assert (refused.status_code, fixed.status_code) == (400, 201)
    assert "Idempotent-Replayed" not in fixed


@pytest.mark.parametrize("key", ["", "x" * 256, "clé-non-ascii", "tab\there"])
def test_malformed_key_is_refused(
    key: str, cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    response = client_for(cast.agent).post(
        URL, body, format="json", headers={"Idempotency-Key": key}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_invalid"
    assert not Case.objects.exists()


def test_duplicate_arriving_between_lookup_and_insert_replays(
    cast: Cast, client_for: ClientFor, body: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a first request already committed, which the second one's lookup missed
    client = client_for(cast.agent)
    first = client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})
    real_stored = idempotency._stored
    lookups: list[str] = []

    def late_lookup(*, user: User, key: str) -> IdempotencyKey | None:
        lookups.append(key)
        return None if len(lookups) == 1 else real_stored(user=user, key=key)

    monkeypatch.setattr(idempotency, "_stored", late_lookup)
    # when the duplicate's insert hits the unique constraint
    replay = client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})
    # then it replays the first response and creates nothing
    assert replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == first.json()["id"]
    assert Case.objects.count() == 1
    assert len(lookups) == 2


def test_key_never_found_nor_insertable_is_a_conflict(
    cast: Cast, client_for: ClientFor, body: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(cast.agent)
    client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})
    monkeypatch.setattr(idempotency, "_stored", lambda **_: None)

    response = client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_in_use"
    assert Case.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_duplicates_create_one_case(cast: Cast, body: dict[str, Any]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers; SQLite serialises every write transaction")
    barrier = threading.Barrier(2)
    responses: list[Any] = []

    def post() -> None:
        client = APIClient()
        client.force_authenticate(user=cast.agent)
        barrier.wait()
        try:
            responses.append(
                client.post(URL, body, format="json", headers={"Idempotency-Key": KEY})
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(r.status_code for r in responses) == [201, 201]
    assert sorted(r.get("Idempotent-Replayed", "") for r in responses) == ["", "true"]
    assert len({r.json()["id"] for r in responses}) == 1
    assert Case.objects.count() == 1
