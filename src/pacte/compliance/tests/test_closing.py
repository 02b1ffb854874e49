"""Month closing: freezing, sealing, chaining, reopening, comparing, verifying."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from pacte.cases.models import Case
from pacte.cases.services import case_answer
from pacte.compliance.closing import month_close, month_reopen
from pacte.compliance.comparison import month_compare
from pacte.compliance.errors import ComplianceError
from pacte.compliance.models import (
    ClosedTrailHead,
    ClosedVerdict,
    ClosingEvent,
    ClosingEventKind,
    ClosingStatus,
    MonthClosing,
)
from pacte.compliance.sealing import VERDICT_FIELDS, canonical
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.compliance.verification import closing_recompute_seal
from pacte.conftest import paris
from pacte.core.db_guard import maintenance
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import UserFactory, grant_past_instants

AFTER_MARCH = paris(2026, 4, 2, 9)
AFTER_APRIL = paris(2026, 5, 2, 9)


def build_month(cast, month: int) -> None:
    """One request answered in time, one answered late, one left unanswered."""
    answer_at(
        case_at(paris(2026, month, 9, 9), team=cast.front),
        paris(2026, month, 10, 15),
        actor=cast.agent,
    )
    answer_at(
        case_at(paris(2026, month, 9, 9), team=cast.front),
        paris(2026, month, 20, 15),
        actor=cast.agent,
    )
    case_at(paris(2026, month, 9, 9), team=cast.back)


def raw_sql(sql: str, *params: Any) -> None:
    """Change rows behind the services' back, as someone who owns the database could
    (the append-only triggers let through, the way its owner could drop them)."""
    with maintenance(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def close(cast, version, month: int, now=AFTER_MARCH) -> MonthClosing:
    return month_close(
        scheme_version=version, year=2026, month=month, actor=cast.quality_manager, now=now
    )


def verify(*args: str) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("verify_seals", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def line_for(output: str, label: str) -> str:
    (found,) = [line for line in output.splitlines() if f" {label} " in line]
    return found


def test_close_month_command_then_verify_is_ok(cast, version):
    # given a March with three requests
    build_month(cast, 3)
    # when the quality manager closes March by command
    out = StringIO()
    with time_machine.travel(AFTER_MARCH, tick=False):
        call_command(
            "close_month", month="2026-03", scheme="telecom-2004", user="quality", stdout=out
        )
    # then results and verdicts are frozen, the event written, and the seal verifies
    closing = MonthClosing.objects.get()
    assert closing.seal in out.getvalue()
    assert (closing.status, closing.previous_seal, closing.closed_by) == (
        ClosingStatus.CLOSED,
        "",
        cast.quality_manager,
    )
    t31 = next(row for row in closing.results if row["indicator_code"] == "T3.1-a")
    assert (t31["numerator"], t31["denominator"], t31["rate"]) == (1, 3, "33.33")
    verdicts = ClosedVerdict.objects.filter(closing=closing, indicator_code="T3.1-a")
    assert sorted(verdicts.values_list("verdict", flat=True)) == ["fail", "fail", "pass"]
    event = ClosingEvent.objects.get(closing=closing)
    assert (event.kind, event.actor, event.details["seal"]) == (
        "closed",
        cast.quality_manager,
        closing.seal,
    )
    output, error = verify()
    assert error is None
    assert line_for(output, "2026-03").endswith(": ok")


def lines(rows) -> bytes:
    """The documented export: one canonical JSON array per line, each ending in \\n."""
    return b"".join(
        json.dumps(list(row), separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
        for row in rows
    )


def test_seal_is_sha256_of_the_documented_canonical_document(cast, version):
    build_month(cast, 3)
    closing = close(cast, version, 3)
    verdicts = lines(
        ClosedVerdict.objects.filter(closing=closing)
        .order_by("position")
        .values_list(*VERDICT_FIELDS)
    )
    trail = lines(
        ClosedTrailHead.objects.filter(closing=closing)
        .order_by("position")
        .values_list("chain", "key", "seq", "row_hash")
    )
    # the trail: the head of each of the three cases' event chains, sorted by key
    assert ClosedTrailHead.objects.filter(closing=closing, chain="cases.caseevent").count() == 3
    document = {
        "format": 2,
        "scheme": "telecom-2004",
        "version": version.number,
        "month": "2026-03",
        "results": closing.results,
        "verdicts": {
            "count": verdicts.count(b"\n"),
            "sha256": hashlib.sha256(verdicts).hexdigest(),
        },
        "trail": {"count": trail.count(b"\n"), "sha256": hashlib.sha256(trail).hexdigest()},
        "previous_seal": "",
    }
    expected = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical(document) == expected
    assert closing.seal == hashlib.sha256(expected.encode()).hexdigest()


def test_tampered_verdict_is_reported_as_seal_mismatch(cast, version):
    # given a closed March
    build_month(cast, 3)
    closing = close(cast, version, 3)
    # when one frozen verdict is changed behind the services' back
    row = ClosedVerdict.objects.filter(closing=closing, verdict="fail").earliest("position")
    raw_sql("UPDATE compliance_closedverdict SET verdict = 'pass' WHERE id = %s", row.pk)
    # then verify_seals names March as broken and fails
    output, error = verify("--scheme", "telecom-2004")
    assert error is not None
    assert "2026-03" in str(error)
    assert "BROKEN (seal mismatch; frozen verdicts differ" in line_for(output, "2026-03")


def test_tampered_result_is_reported_as_seal_mismatch(cast, version):
    build_month(cast, 3)
    closing = close(cast, version, 3)
    results = [dict(row) for row in closing.results]
    results[0]["numerator"] = 999
    MonthClosing.objects.filter(pk=closing.pk).update(results=results)
    output, error = verify()
    assert error is not None
    assert "seal mismatch" in line_for(output, "2026-03")


def test_months_are_chained_and_a_tampered_march_breaks_april_link(cast, version):
    # given March and April closed in turn
    build_month(cast, 3)
    build_month(cast, 4)
    march = close(cast, version, 3)
    april = close(cast, version, 4, now=AFTER_APRIL)
    # then April carries March's seal
    assert (april.previous_seal, april.previous) == (march.seal, march)
    # when a March verdict is tampered with
    raw_sql(
        "UPDATE compliance_closedverdict SET reason_code = 'forged' "
        "WHERE closing_id = %s AND position = 0",
        march.pk,
    )
    # then March's seal mismatches and April's chain is broken; April's own seal holds
    output, error = verify()
    assert error is not None
    assert "BROKEN (seal mismatch; frozen verdicts differ" in line_for(output, "2026-03")
    assert "BROKEN (chain broken" in line_for(output, "2026-04")
    assert "seal mismatch" not in line_for(output, "2026-04")


def test_resealing_a_tampered_march_still_breaks_april_chain(cast, version):
    # given March and April closed, then March tampered and its digest and seal
    # recomputed to match
    build_month(cast, 3)
    march = close(cast, version, 3)
    close(cast, version, 4, now=AFTER_APRIL)
    raw_sql(
        "UPDATE compliance_closedverdict SET verdict = 'excluded' "
        "WHERE closing_id = %s AND position = 0",
        march.pk,
    )
    verdicts = lines(
        ClosedVerdict.objects.filter(closing=march)
        .order_by("position")
        .values_list(*VERDICT_FIELDS)
    )
    MonthClosing.objects.filter(pk=march.pk).update(
        verdicts_sha256=hashlib.sha256(verdicts).hexdigest()
    )
    march.refresh_from_db()
    MonthClosing.objects.filter(pk=march.pk).update(seal=closing_recompute_seal(closing=march))
    # then March looks whole on its own, but April's link to it is broken
    output, error = verify()
    assert error is not None
    assert line_for(output, "2026-03").endswith(": ok")
    assert "BROKEN (chain broken" in line_for(output, "2026-04")


@pytest.mark.parametrize("role", ["agent", "auditor", "supervisor", "administrator"])
def test_only_a_quality_manager_may_close(cast, version, role):
    with pytest.raises(ForbiddenError) as caught:
        month_close(
            scheme_version=version,
            year=2026,
            month=3,
            actor=cast.by_role_name(role),
            now=AFTER_MARCH,
        )
    assert caught.value.code == ComplianceError.NOT_QUALITY_MANAGER
    assert not MonthClosing.objects.exists()


def test_a_month_not_yet_ended_in_paris_is_refused(cast, version):
    # 23:59:59 on 31 March in Paris is still March (21:59:59 UTC)
    with pytest.raises(PacteError) as caught:
        close(cast, version, 3, now=paris(2026, 3, 31, 23, 59, 59))
    assert caught.value.code == ComplianceError.MONTH_NOT_ENDED
    assert close(cast, version, 3, now=paris(2026, 4, 1)).label == "2026-03"


def test_closing_twice_is_refused_without_duplicate(cast, version):
    build_month(cast, 3)
    close(cast, version, 3)
    with time_machine.travel(AFTER_MARCH, tick=False), pytest.raises(CommandError, match="already"):
        call_command(
            "close_month", month="2026-03", scheme="telecom-2004", user="quality", stdout=StringIO()
        )
    assert MonthClosing.objects.count() == 1


def test_close_month_command_refuses_an_agent(cast, version):
    with (
        time_machine.travel(AFTER_MARCH, tick=False),
        pytest.raises(CommandError, match="not_quality_manager"),
    ):
        call_command("close_month", month="2026-03", scheme="telecom-2004", user="agent")


@pytest.mark.parametrize("role", ["agent", "auditor"])
def test_reopen_needs_a_quality_manager(cast, version, role):
    closing = close(cast, version, 3)
    with pytest.raises(ForbiddenError):
        month_reopen(closing=closing, actor=cast.by_role_name(role), reason="Late answers found.")
    closing.refresh_from_db()
    assert closing.status == ClosingStatus.CLOSED


def test_reopen_needs_a_reason(cast, version):
    closing = close(cast, version, 3)
    with pytest.raises(PacteError) as caught:
        month_reopen(closing=closing, actor=cast.quality_manager, reason="  ")
    assert caught.value.code == ComplianceError.REASON_REQUIRED


def test_reopen_is_recorded_keeps_the_snapshot_and_allows_a_new_closing(cast, version):
    # given a closed March
    build_month(cast, 3)
    first = close(cast, version, 3)
    frozen = list(ClosedVerdict.objects.filter(closing=first).values_list(*VERDICT_FIELDS))
    # when the quality manager reopens it with a reason
    with time_machine.travel(paris(2026, 4, 3, 9), tick=False):
        month_reopen(closing=first, actor=cast.quality_manager, reason="Answers recorded late.")
    # then the status changes, the event says who and why, the snapshot is untouched
    first.refresh_from_db()
    assert first.status == ClosingStatus.REOPENED
    event = ClosingEvent.objects.get(closing=first, kind=ClosingEventKind.REOPENED)
    assert (event.actor, event.reason) == (cast.quality_manager, "Answers recorded late.")
    assert list(ClosedVerdict.objects.filter(closing=first).values_list(*VERDICT_FIELDS)) == frozen
    with pytest.raises(PacteError) as caught:
        month_reopen(closing=first, actor=cast.quality_manager, reason="Again.")
    assert caught.value.code == ComplianceError.CLOSING_NOT_CLOSED
    # and closing again makes a new closing; both still verify
    second = close(cast, version, 3, now=paris(2026, 4, 4, 9))
    assert second.pk != first.pk
    output, error = verify()
    assert error is None
    assert output.count(": ok") == 2


def test_month_compare_reports_a_late_recorded_answer_without_touching_the_snapshot(cast, version):
    # given a March closed with one request unanswered past its deadline
    build_month(cast, 3)
    closing = close(cast, version, 3)
    snapshot = closing.results
    unanswered = ClosedVerdict.objects.get(
        closing=closing, indicator_code="T3.1-a", reason_code="unanswered_past_deadline"
    )
    assert Case.objects.get(clocks__pk=unanswered.item_id).pk == unanswered.case_id
    # when the mail gateway, catching up after an outage (a 30-day window), records on
    # 5 April an answer sent on 10 March
    gateway = grant_past_instants(UserFactory.create(username="gateway", role=Role.AGENT))
    with (
        time_machine.travel(paris(2026, 4, 5, 9), tick=False),
        override_settings(PACTE_BACKDATE_WINDOW_HOURS=30 * 24),
    ):
        case_answer(
            case=Case.objects.get(clocks__pk=unanswered.item_id),
            actor=gateway,
            channel=Channel.EMAIL,
            body="Answered by phone on the 10th.",
            at=paris(2026, 3, 10, 15),
        )
    comparison = month_compare(closing=closing, now=paris(2026, 4, 6, 9))
    # then the figures and the item's verdict differ, and the snapshot is unchanged
    (t31,) = [change for change in comparison.figures if change.indicator_code == "T3.1-a"]
    assert t31.before is not None
    assert t31.after is not None
    assert (t31.before["numerator"], t31.after["numerator"]) == (1, 2)
    changed = [change for change in comparison.verdicts if change.item_id == unanswered.item_id]
    assert [(c.verdict_before, c.verdict_after, c.reason_after) for c in changed] == [
        ("fail", "pass", "answered_in_time")
    ]
    closing.refresh_from_db()
    assert closing.results == snapshot
    assert ClosedVerdict.objects.get(pk=unanswered.pk).verdict == "fail"
    assert ClosingEvent.objects.filter(closing=closing, kind=ClosingEventKind.COMPARED).exists()
    _, error = verify()
    assert error is None


def test_month_compare_of_an_unchanged_month_is_empty(cast, version):
    build_month(cast, 3)
    closing = close(cast, version, 3)
    assert month_compare(closing=closing, now=paris(2026, 4, 6, 9)).unchanged
