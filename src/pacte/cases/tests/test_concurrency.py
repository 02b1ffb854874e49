"""Two agents acting on one case at once: the row lock serialises them."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from pacte.cases.models import EventKind
from pacte.cases.services import case_hand_off
from pacte.core.errors import PacteError
from pacte.factories import open_case

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_hand_offs_apply_once(cast, frozen_now):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises every writer")
    case = open_case(received_at=datetime(2026, 3, 9, 9, tzinfo=PARIS), team=cast.front)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def hand_off() -> None:
        barrier.wait()
        try:
            case_hand_off(
                case=case, actor=cast.agent, note="Needs the back office.", to_team=cast.back
            )
            outcomes.append("done")
        except PacteError as refused:
            outcomes.append(str(refused.code))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hand_off) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["done", "hand_off_same_target"]
    assert case.events.filter(kind=EventKind.HANDED_OFF).count() == 1
