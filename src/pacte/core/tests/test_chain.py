"""Hash-chained logs: each row's hash covers its content and the row before it; the
database refuses to change an append-only row; ``verify_trail`` finds what was changed."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.services import case_add_note
from pacte.conftest import Cast
from pacte.core.append_only import AppendOnlyModel
from pacte.core.chain import GENESIS, chains_verify, plain, row_digest
from pacte.core.db_guard import guarded_tables, maintenance
from pacte.factories import open_case

pytestmark = pytest.mark.django_db


def raw(sql: str, *params: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def case(cast: Cast, frozen_now: datetime):
    case = open_case(received_at=frozen_now - timedelta(hours=1), team=cast.front)
    case_add_note(case=case, actor=cast.agent, body="Called the customer back.")
    return case


def test_each_row_hashes_its_content_and_the_row_before(case) -> None:
    opened, note = case.events.order_by("seq")
    assert (opened.seq, opened.prev_hash) == (1, GENESIS)
    assert (note.seq, note.prev_hash) == (2, opened.row_hash)
    # the documented document, by hand: sorted keys, compact, UTC instants, no NULLs
    row = {
        "case_id": case.pk,
        "kind": "note",
        "at": note.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "recorded_at": note.recorded_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "late_recorded": False,
        "actor_id": note.actor_id,
        "channel": "",
        "body": "Called the customer back.",
        "data": {},
    }
    document = {
        "chain": case.pk,
        "prev": opened.row_hash,
        "row": row,
        "seq": 2,
        "table": "cases.caseevent",
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert note.row_hash == hashlib.sha256(text.encode()).hexdigest()


def test_instants_hash_the_same_whatever_their_zone() -> None:
    paris = datetime(2026, 3, 10, 10, tzinfo=timezone(timedelta(hours=1)))
    values = {"at": paris, "ratio": 2.0, "none": None}
    same = {"at": paris.astimezone(UTC), "ratio": 2}
    assert row_digest(table="t", chain=1, seq=1, prev_hash=GENESIS, values=values) == row_digest(
        table="t", chain=1, seq=1, prev_hash=GENESIS, values=same
    )
    with pytest.raises(ValueError, match="naive"):
        plain(datetime(2026, 3, 10))  # noqa: DTZ001


def test_the_database_refuses_to_change_or_delete_an_event(case) -> None:
    event = case.events.earliest("seq")
    for statement in (
        "UPDATE cases_caseevent SET body = 'changed' WHERE id = %s",
        "DELETE FROM cases_caseevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            raw(statement, event.pk)
    event.refresh_from_db()
    assert event.body == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_to_truncate_an_event_table(case) -> None:
    connection.check_constraints()  # the test's own pending foreign-key checks first
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("TRUNCATE cases_caseevent CASCADE")
    assert CaseEvent.objects.filter(case=case).count() == 2


def test_every_append_only_table_is_guarded_by_the_database() -> None:
    from django.apps import apps

    append_only = {
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.abstract
    }
    assert set(guarded_tables()) == append_only
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'pacte_append_only_row'"
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'pacte_no_update_%'"
            )
        guarded = {row[0] for row in cursor.fetchall()}
    assert guarded >= append_only
    assert {"cases_caseevent", "telephony_callevent", "compliance_closedverdict"} <= append_only


def test_maintenance_lets_a_whole_table_wipe_through_and_only_in_its_block(
    case, cast: Cast, frozen_now: datetime
) -> None:
    other = open_case(received_at=frozen_now, team=cast.front)
    with maintenance():
        raw("DELETE FROM cases_caseevent WHERE case_id = %s", case.pk)
    assert not CaseEvent.objects.filter(case=case).exists()
    with pytest.raises(DatabaseError), transaction.atomic():
        raw("DELETE FROM cases_caseevent")
    assert CaseEvent.objects.filter(case=other).exists()


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("UPDATE cases_caseevent SET body = 'edited' WHERE seq = 1", "was edited"),
        ("DELETE FROM cases_caseevent WHERE seq = 1", "a row was removed or added"),
        ("UPDATE cases_caseevent SET prev_hash = row_hash WHERE seq = 2", "previous hash"),
    ],
)
def test_verify_trail_names_the_first_broken_row(case, statement: str, problem: str) -> None:
    # Given a chain that verifies
    out = StringIO()
    call_command("verify_trail", stdout=out)
    assert "2 row(s) in 1 chain(s) verified" in out.getvalue()
    # When a row is changed behind the triggers' back
    with maintenance():
        raw(statement)
    # Then the walk names the chain, the row and what is wrong
    walk = chains_verify(CaseEvent, keys=[case.pk])
    [broken] = walk.breaks
    assert (broken.table, broken.chain) == ("cases.caseevent", case.pk)
    assert problem in broken.problem
    out = StringIO()
    with pytest.raises(CommandError, match="1 broken chain"):
        call_command("verify_trail", "--case", case.reference, stdout=out)
    assert f"BROKEN cases.caseevent chain {case.pk}, row" in out.getvalue()


def test_bulk_created_rows_are_linked_too(case, cast: Cast) -> None:
    last = case.events.order_by("-seq").first()
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(case=case, kind=EventKind.NOTE, at=last.at, actor=cast.agent, body=text)
            for text in ("one", "two")
        ]
    )
    assert list(case.events.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3, 4]
    assert chains_verify(CaseEvent, keys=[case.pk]).breaks == []


def test_a_bad_case_reference_is_refused(db) -> None:
    with pytest.raises(CommandError, match="not a case reference"):
        call_command("verify_trail", "--case", "nonsense", stdout=StringIO())
