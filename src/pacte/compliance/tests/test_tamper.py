"""A closed month cannot be bent unseen: each edit behind the services' back, made with raw
SQL as the database's owner could, breaks ``verify_seals`` for that month, and the public
page and the API then show the month as under verification instead of its figures."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from pacte.cases.models import Case, CaseEvent, Clock, EventKind
from pacte.cases.services import case_hand_off
from pacte.compliance.closing import month_close
from pacte.compliance.models import ClosedTrailHead, ClosedVerdict, MonthClosing
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.compliance.tests.phone import queue as phone_queue
from pacte.compliance.verification import seals_verify
from pacte.conftest import Cast, paris
from pacte.core.chain import row_digest
from pacte.core.db_guard import maintenance
from pacte.core.roles import Role
from pacte.factories import UserFactory
from pacte.telephony.importing import queue_log_import

pytestmark = pytest.mark.django_db

AFTER_MARCH = paris(2026, 4, 2, 9)
IN_MARCH = paris(2026, 3, 25, 12)


def raw(sql: str, *params: Any) -> None:
    with maintenance(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def march(cast: Cast, version) -> MonthClosing:
    """March closed: one request answered in time, one late, one unanswered, one hand-off;
    checked in full once, as the worker does after every closing."""
    on_time = case_at(paris(2026, 3, 9, 9), team=cast.front)
    answer_at(on_time, paris(2026, 3, 10, 15), actor=cast.agent)
    answer_at(
        case_at(paris(2026, 3, 9, 9), team=cast.front), paris(2026, 3, 20, 15), actor=cast.agent
    )
    case_at(paris(2026, 3, 9, 9), team=cast.back)
    with time_machine.travel(paris(2026, 3, 11, 9), tick=False):
        case_hand_off(
            case=on_time, actor=cast.agent, note="Over to you for the refund.", to_team=cast.back
        )
    with time_machine.travel(AFTER_MARCH, tick=False):
        closing = month_close(
            scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=AFTER_MARCH
        )
        assert all(check.ok for check in seals_verify(record=True))
    return closing


def answered(kind: str = EventKind.ANSWERED) -> CaseEvent:
    return CaseEvent.objects.filter(kind=kind).latest("pk")


def edit_event(closing: MonthClosing) -> None:
    late = answered()
    raw("UPDATE cases_caseevent SET at = %s WHERE id = %s", paris(2026, 3, 10, 9), late.pk)


def delete_event(closing: MonthClosing) -> None:
    raw("DELETE FROM cases_caseevent WHERE id = %s", answered().pk)


def insert_event(closing: MonthClosing) -> None:
    """An answer slipped into the unanswered case, linked and hashed like a real one,
    recorded "in March": only the seal's trail head and its date give it away."""
    case = Case.objects.exclude(events__kind=EventKind.ANSWERED).get()
    last = case.events.latest("seq")
    values: dict[str, Any] = {
        "case_id": case.pk,
        "kind": EventKind.ANSWERED,
        "at": IN_MARCH,
        "recorded_at": IN_MARCH,
        "late_recorded": False,
        "actor_id": last.actor_id,
        "channel": "email",
        "body": "Forged.",
        "data": {},
    }
    digest = row_digest(
        table="cases.caseevent",
        chain=case.pk,
        seq=last.seq + 1,
        prev_hash=last.row_hash,
        values=values,
    )
    raw(
        "INSERT INTO cases_caseevent (case_id, kind, at, recorded_at, late_recorded, actor_id,"
        " channel, body, data, seq, prev_hash, row_hash)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        case.pk, EventKind.ANSWERED, IN_MARCH, IN_MARCH, False, last.actor_id, "email",
        "Forged.", "{}", last.seq + 1, last.row_hash, digest,
    )  # fmt: skip


def rehash_edited_chain(closing: MonthClosing) -> None:
    """An edited answer, and every hash of the case's chain recomputed to match."""
    late = answered()
    raw("UPDATE cases_caseevent SET at = %s WHERE id = %s", paris(2026, 3, 10, 9), late.pk)
    prev = "0" * 64
    for event in CaseEvent.objects.filter(case_id=late.case_id).order_by("seq"):
        values = {
            "case_id": event.case_id, "kind": event.kind, "at": event.at,
            "recorded_at": event.recorded_at, "late_recorded": event.late_recorded,
            "actor_id": event.actor_id, "channel": event.channel, "body": event.body,
            "data": event.data,
        }  # fmt: skip
        digest = row_digest(
            table="cases.caseevent",
            chain=event.case_id,
            seq=event.seq,
            prev_hash=prev,
            values=values,
        )
        raw(
            "UPDATE cases_caseevent SET prev_hash = %s, row_hash = %s WHERE id = %s",
            prev, digest, event.pk,
        )  # fmt: skip
        prev = digest


def edit_clock(closing: MonthClosing) -> None:
    clock = Clock.objects.filter(met_at__isnull=True).get()
    raw(
        "UPDATE cases_clock SET met_at = %s, state = 'met' WHERE id = %s",
        paris(2026, 3, 10, 9),
        clock.pk,
    )


def edit_verdict(closing: MonthClosing) -> None:
    row = ClosedVerdict.objects.filter(closing=closing, verdict="fail").earliest("position")
    raw("UPDATE compliance_closedverdict SET verdict = 'pass' WHERE id = %s", row.pk)


def edit_trail_head(closing: MonthClosing) -> None:
    raw("DELETE FROM compliance_closedtrailhead WHERE closing_id = %s AND position = 0", closing.pk)


def edit_figure(closing: MonthClosing) -> None:
    results = [dict(row) for row in closing.results]
    results[0]["numerator"] = 999
    MonthClosing.objects.filter(pk=closing.pk).update(results=results)


def edit_seal(closing: MonthClosing) -> None:
    MonthClosing.objects.filter(pk=closing.pk).update(seal="f" * 64)


TAMPERS: dict[str, tuple[Callable[[MonthClosing], None], str]] = {
    "edited event": (edit_event, "trail broken"),
    "deleted event": (delete_event, "trail broken"),
    "inserted event": (insert_event, "trail broken"),
    "rehashed chain": (rehash_edited_chain, "trail broken"),
    "edited clock": (edit_clock, "a clock differs from its trail"),
    "edited verdict": (edit_verdict, "frozen verdicts differ"),
    "deleted trail head": (edit_trail_head, "sealed trail heads differ"),
    "edited figure": (edit_figure, "seal mismatch"),
    "edited seal": (edit_seal, "seal mismatch"),
}


def verify() -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("verify_seals", stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


@pytest.mark.parametrize("name", list(TAMPERS))
def test_every_tamper_breaks_the_month_and_withdraws_its_figures(
    name: str, march: MonthClosing, cast: Cast, client: Client
) -> None:
    tamper, problem = TAMPERS[name]
    with time_machine.travel(AFTER_MARCH + timedelta(days=1), tick=False):
        # Given the month verified and published
        before = client.get("/public/results/?lang=en").content.decode()
        assert "under verification" not in before
        # When a row is changed behind the services' back
        march.refresh_from_db()
        tamper(march)
        # Then verify_seals fails, naming the month and what broke
        output, error = verify()
        assert error is not None
        assert "2026-03" in str(error)
        line = next(row for row in output.splitlines() if " 2026-03 " in row)
        assert "BROKEN" in line
        assert problem in line
        if problem == "trail broken":
            assert "first broken: cases.caseevent" in output
        # and the public page and the API show the month as under verification
        page = client.get("/public/results/?lang=en").content.decode()
        assert "under verification" in page
        assert "33.33" not in page
        auditor = UserFactory.create(username="auditor-2", role=Role.AUDITOR)
        client.force_login(auditor)
        body = client.get("/api/compliance/results/?month=2026-03").json()
        assert (body["status"], body["results"]) == ("under_verification", [])
        assert body["integrity"]["reasons"]


def test_an_edited_figure_is_withdrawn_at_once_before_any_check(
    march: MonthClosing, client
) -> None:
    # When the frozen results are edited, the page's own check of the seal catches it
    edit_figure(march)
    page = client.get("/public/results/?lang=en").content.decode()
    assert "under verification" in page


def test_a_month_not_checked_yet_is_under_verification(cast: Cast, version, client) -> None:
    # Given March closed, its full check still queued for the worker
    case_at(paris(2026, 3, 9, 9), team=cast.back)
    with time_machine.travel(AFTER_MARCH, tick=False):
        month_close(
            scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=AFTER_MARCH
        )
        # Then the page waits for it
        page = client.get("/public/results/?lang=en").content.decode()
        assert "under verification" in page
        # and once the worker has checked the month, its figures are shown
        seals_verify(record=True)
        page = client.get("/public/results/?lang=en").content.decode()
    assert "under verification" not in page


def test_the_dashboard_tells_the_quality_manager_why(
    march: MonthClosing, cast: Cast, client: Client
) -> None:
    # Given an event of March edited behind the services' back, found by the nightly check
    edit_event(march)
    verify()
    # When the quality manager opens March on the dashboard (in English)
    client.force_login(cast.quality_manager)
    with time_machine.travel(AFTER_MARCH + timedelta(days=1), tick=False):
        page = client.get(
            "/compliance/?scheme=telecom-2004&month=2026-03", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    # Then the closing panel says the figures are withdrawn, and why, down to the row
    assert "under verification" in page
    assert "the event trail under the month is broken" in page
    assert "cases.caseevent" in page


def test_an_edited_queue_log_line_under_a_sealed_month_is_found(cast: Cast, version) -> None:
    # Given a March call imported from Asterisk's queue_log, and March closed
    support = phone_queue()
    start = int(paris(2026, 3, 10, 10).timestamp())
    log = (
        f"{start}|q.1|{support.name}|NONE|ENTERQUEUE||0611111111|1\n"
        f"{start + 90}|q.1|{support.name}|PJSIP/201|CONNECT|90|q.9|2\n"
        f"{start + 300}|q.1|{support.name}|PJSIP/201|COMPLETECALLER|90|210|1\n"
    )
    queue_log_import(
        source_name="pbx",
        stream=io.BytesIO(log.encode()),
        now=AFTER_MARCH,
        window=timedelta(days=60),
    )
    with time_machine.travel(AFTER_MARCH, tick=False):
        closing = month_close(
            scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=AFTER_MARCH
        )
    assert ClosedTrailHead.objects.filter(closing=closing, chain="telephony.queuelogline").exists()
    assert verify()[1] is None
    # When the wait of the connection line is shortened behind the services' back
    shorter = "replace(raw, '|90|', '|9|')"
    raw(f"UPDATE telephony_queuelogline SET raw = {shorter} WHERE event = 'CONNECT'")  # noqa: S608
    # Then March is broken, naming the line
    output, error = verify()
    assert error is not None
    assert "first broken: telephony.queuelogline" in output
