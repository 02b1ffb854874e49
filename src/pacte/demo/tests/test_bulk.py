"""Fast inserts: values come back as the ORM wrote them, and sequences move past explicit ids."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.chain import chain_dicts, chains_verify
from pacte.customers.models import Customer
from pacte.demo.bulk import batched, next_id, rows_insert, sequences_reset
from pacte.factories import open_case

pytestmark = pytest.mark.django_db


def test_batched_splits_and_keeps_the_rest():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []


def test_inserted_events_read_back_like_orm_ones(cast, frozen_now):
    case = open_case(received_at=frozen_now, team=cast.front)
    at = datetime(2026, 3, 9, 8, 30, 0, 123456, tzinfo=frozen_now.tzinfo)
    rows = [
        {
            "case_id": case.pk, "kind": EventKind.NOTE, "at": at, "recorded_at": frozen_now,
            "actor_id": cast.agent.pk, "channel": "", "body": "note",
            "data": {"nested": {"a": [1, 2]}, "text": "é", "ratio": 2.0},
        }
    ]  # fmt: skip
    chain_dicts(CaseEvent, rows)
    written = rows_insert(CaseEvent, rows)
    assert written == 1
    # the row continues the case's chain and its hash verifies as read back
    assert rows[0]["seq"] == 2
    assert chains_verify(CaseEvent, keys=[case.pk]).breaks == []
    note = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert note.at == at
    assert note.data == {"nested": {"a": [1, 2]}, "text": "é", "ratio": 2.0}
    # and lookups compare the stored datetimes correctly
    assert CaseEvent.objects.filter(case=case, at__lt=frozen_now, kind=EventKind.NOTE).exists()


def test_nothing_to_insert_is_fine():
    assert rows_insert(Case, []) == 0


def test_orm_creates_after_explicit_ids_get_fresh_ids(frozen_now):
    first = next_id(Customer)
    rows_insert(
        Customer,
        [
            {
                "id": first + k,
                "reference": f"X{k}",
                "first_name": "",
                "last_name": "Bulk",
                "company_name": "",
                "segment": "consumer",
                "email": "",
                "phone": "",
                "postal_address": "",
                "preferred_language": "fr",
                "fraud_victim": False,
                "user_id": None,
                "created_at": frozen_now,
            }
            for k in range(3)
        ],
    )
    sequences_reset([Customer])
    assert next_id(Customer) == first + 3
    created = Customer.objects.create(reference="ORM1", last_name="Orm")
    assert created.pk >= first + 3
