"""Calls and queue visits derived from imported queue_log lines (issue 4, point 4).

The sample's stories are told in ``test_queue_log.py``'s docstring.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pacte.factories import MotiveFactory
from pacte.telephony import importing
from pacte.telephony.derive import calls_derive
from pacte.telephony.importing import ImportReport, queue_log_import
from pacte.telephony.models import (
    Call,
    CallOutcome,
    CallQueue,
    CallSource,
    QueueVisit,
    Service,
    VisitOutcome,
)

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "queue_log_sample.txt"
NOW = datetime(2025, 11, 22, 12, 0, tzinfo=UTC)
CALL_FIELDS = (
    "callid",
    "source",
    "service",
    "caller_number",
    "dialled_number",
    "started_at",
    "ended_at",
    "motive__code",
    "misrouted",
    "outcome",
)
VISIT_FIELDS = (
    "call__callid",
    "queue__name",
    "source",
    "entered_at",
    "position",
    "offered_at",
    "answered_at",
    "agent",
    "ended_at",
    "outcome",
    "wait_seconds",
    "talk_seconds",
    "transferred",
)


def at(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def run(content: bytes, *, source: str = "pbx1", batch_size: int = 1000) -> ImportReport:
    return queue_log_import(
        source_name=source, stream=io.BytesIO(content), now=NOW, batch_size=batch_size
    )


def snapshot() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[str]]:
    """Every derived row, without primary keys: what "the same rows" means here."""
    calls = list(Call.objects.order_by("callid").values_list(*CALL_FIELDS))
    visits = list(
        QueueVisit.objects.order_by("call__callid", "entered_at").values_list(*VISIT_FIELDS)
    )
    queues = list(CallQueue.objects.order_by("name").values_list("name", flat=True))
    return calls, visits, queues


@pytest.fixture
def motive(frozen_now: datetime) -> Any:
    return MotiveFactory.create(code="billing-question", label_en="Billing question")


def test_sample_gives_one_call_per_callid_entered_and_one_visit_per_queue_entry(motive):
    # when
    report = run(SAMPLE.read_bytes())

    # then: 13 callids entered a queue (.1 to .11, .13, .14); .40 is only a tail
    assert Call.objects.count() == 13
    assert not Call.objects.filter(callid="1763798330.40").exists()
    assert QueueVisit.objects.count() == 15
    assert (report.calls.calls_created, report.calls.partial_visits) == (13, 1)
    assert set(Call.objects.values_list("source", flat=True)) == {CallSource.QUEUE_LOG}
    assert list(CallQueue.objects.values_list("name", "service_level_seconds")) == [
        ("billing", 60),
        ("support", 60),
    ]
    outcomes = dict(
        QueueVisit.objects.filter(queue__name="support").values_list("call__callid", "outcome")
    )
    assert outcomes == {
        "1763798458.1": VisitOutcome.ANSWERED,
        "1763798499.2": VisitOutcome.ANSWERED,
        "1763798598.3": VisitOutcome.ABANDONED,
        "1763798700.4": VisitOutcome.TIMEOUT,
        "1763799300.6": VisitOutcome.ANSWERED,
        "1763799410.7": VisitOutcome.KEY,
        "1763799430.8": VisitOutcome.EMPTY,
        "1763799600.9": VisitOutcome.ANSWERED,
        "1763799700.10": VisitOutcome.ANSWERED,
        "1763799800.11": VisitOutcome.WAITING,
        "1763800300.13": VisitOutcome.ANSWERED,
        "1763800400.14": VisitOutcome.ABANDONED,
    }


def test_first_call_carries_did_caller_times_and_offer(motive):
    run(SAMPLE.read_bytes())

    call = Call.objects.get(callid="1763798458.1")
    assert (call.dialled_number, call.caller_number) == ("0800123456", "0612345678")
    assert call.started_at == at(1763798460.25)  # the DID line, before ENTERQUEUE
    assert call.ended_at == at(1763798660)
    assert (call.service, call.misrouted, call.motive) == (Service.CUSTOMER, False, None)
    visit = call.visits.get()
    assert visit.entered_at == at(1763798460.31)
    assert visit.offered_at == at(1763798461)  # AGENTCALLED, before RINGNOANSWER's 15 s
    assert (visit.answered_at, visit.agent) == (at(1763798480), "PJSIP/201")
    assert (visit.position, visit.wait_seconds, visit.talk_seconds) == (1, 20, 180)


def test_motive_comes_from_the_info_line(motive):
    run(SAMPLE.read_bytes())

    assert Call.objects.get(callid="1763798499.2").motive == motive


def test_unknown_motive_code_is_reported_and_left_empty(frozen_now):
    report = run(SAMPLE.read_bytes())

    assert report.calls.unknown_motives == ["billing-question"]
    assert "unknown motive codes: billing-question" in report.summary()
    assert Call.objects.get(callid="1763798499.2").motive is None


def test_answered_transferred_then_queued_elsewhere_is_a_misroute(motive):
    run(SAMPLE.read_bytes())

    misrouted = Call.objects.filter(misrouted=True).values_list("callid", flat=True)
    # .4 also reached billing, but after a timeout in support, unanswered: no misroute
    assert list(misrouted) == ["1763800300.13"]
    call = Call.objects.get(callid="1763800300.13")
    assert [v.queue.name for v in call.visits.all()] == ["support", "billing"]
    assert call.ended_at == at(1763800471)


def test_still_waiting_call_has_no_end(motive):
    run(SAMPLE.read_bytes())

    call = Call.objects.get(callid="1763799800.11")
    assert call.ended_at is None
    assert call.visits.get().wait_seconds is None


def test_reimport_changes_nothing(motive):
    run(SAMPLE.read_bytes())
    before = snapshot()

    report = run(SAMPLE.read_bytes())

    assert snapshot() == before
    assert (report.calls.calls_created, report.calls.calls_updated) == (0, 0)


def test_longer_file_ends_in_the_rows_of_one_import(motive):
    # given the morning imported up to 08:11 (call .5 still talking, .4 in billing done)
    lines = SAMPLE.read_bytes().splitlines(keepends=True)
    run(b"".join(lines[:26]))
    assert Call.objects.get(callid="1763799100.5").visits.get().outcome == VisitOutcome.ANSWERED
    assert Call.objects.get(callid="1763799100.5").ended_at is None

    # when the whole file is imported
    run(SAMPLE.read_bytes())
    grown = snapshot()

    # then the rows are those of a single import of the whole file
    Call.objects.all().delete()
    run(SAMPLE.read_bytes(), source="fresh")
    assert snapshot() == grown


def test_interrupted_import_rerun_ends_in_the_same_rows(motive, monkeypatch):
    run(SAMPLE.read_bytes(), source="reference")
    reference = snapshot()
    Call.objects.all().delete()
    real = importing._store_batch
    calls = {"n": 0}

    def failing(**kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] > 3:
            raise RuntimeError("killed")
        real(**kwargs)

    monkeypatch.setattr(importing, "_store_batch", failing)
    with pytest.raises(RuntimeError, match="killed"):
        run(SAMPLE.read_bytes(), batch_size=7)
    assert 0 < Call.objects.count() < 13
    monkeypatch.setattr(importing, "_store_batch", real)

    run(SAMPLE.read_bytes(), batch_size=7)

    assert snapshot() == reference


def test_call_created_by_the_api_is_left_to_it(motive):
    # given the API recorded call .1 first
    api_call = Call.objects.create(
        callid="1763798458.1",
        source=CallSource.API,
        started_at=at(1763798459),
        caller_number="+33612345678",
        outcome=CallOutcome.SOLVED,
    )

    report = run(SAMPLE.read_bytes())

    api_call.refresh_from_db()
    assert (api_call.caller_number, api_call.started_at) == ("+33612345678", at(1763798459))
    assert (api_call.source, api_call.dialled_number, api_call.ended_at) == ("api", "", None)
    assert not api_call.visits.exists()
    assert report.calls.calls_left_to_api == 1
    assert "1 left to the API" in report.summary()


def test_fields_the_log_does_not_carry_survive_a_rederivation(motive):
    run(SAMPLE.read_bytes())
    Call.objects.filter(callid="1763798458.1").update(outcome=CallOutcome.COMMITTED)
    before = snapshot()

    report = calls_derive(callids=["1763798458.1", "NONE"])

    assert (report.calls_updated, report.visits_created, report.visits_updated) == (0, 0, 0)
    assert snapshot() == before
    assert Call.objects.get(callid="1763798458.1").outcome == CallOutcome.COMMITTED


def test_tail_imported_first_becomes_a_whole_call_when_the_head_arrives(frozen_now):
    # given the current file holds only the end of a call (the log was rotated mid-call)
    head = b"1763800000|c1|sales|NONE|ENTERQUEUE||0611|1\n1763800009|c1|sales|PJSIP/7|CONNECT|9\n"
    tail = b"1763800070|c1|sales|PJSIP/7|COMPLETECALLER|9|61|1\n"
    first = run(tail, source="pbx1:queue_log")
    assert (first.calls.partial_visits, Call.objects.count()) == (1, 0)

    # when the rotated file with its start is imported
    run(head, source="pbx1:queue_log.1")

    # then the call is whole: answered after 9 s, talked 61 s, ended
    visit = QueueVisit.objects.get()
    assert (visit.outcome, visit.wait_seconds, visit.talk_seconds) == ("answered", 9, 61)
    assert visit.call.ended_at == at(1763800070)
    assert CallQueue.objects.get().name == "sales"


def test_entering_again_without_an_exit_loses_the_first_visit(frozen_now):
    content = (
        b"1763800000|c2|q1|NONE|ENTERQUEUE||0611|1\n"
        b"1763800005|c2|q2|NONE|ENTERQUEUE||0611|1\n"
        b"1763800010|c2|q2|NONE|ABANDON|1|1|5\n"
    )

    run(content)

    assert list(QueueVisit.objects.values_list("queue__name", "outcome")) == [
        ("q1", VisitOutcome.LOST),
        ("q2", VisitOutcome.ABANDONED),
    ]
    assert Call.objects.get().ended_at == at(1763800010)


def test_complete_without_connect_is_answered_after_the_hold_time(frozen_now):
    content = (
        b"1763800000|c3|q|NONE|ENTERQUEUE||0611|1\n1763800090|c3|q|PJSIP/1|COMPLETEAGENT|12|78|1\n"
    )

    run(content)

    visit = QueueVisit.objects.get()
    assert (visit.answered_at, visit.outcome, visit.agent) == (
        at(1763800012),
        VisitOutcome.ANSWERED,
        "PJSIP/1",
    )


# --- agents logged in, from a live-ish log ---------------------------------------------


def test_live_log_sets_the_agents_logged_in_per_queue(frozen_now):
    # given the sample imported a minute after its last line
    report = queue_log_import(
        source_name="pbx1", stream=io.BytesIO(SAMPLE.read_bytes()), now=at(1763800471 + 60)
    )

    # then support has 201 (202 was removed), billing 3001 (logged in again; 3002 off)
    assert report.agents == {"support": 1, "billing": 1}
    agents = dict(CallQueue.objects.values_list("name", "agents_logged_in"))
    assert agents == {"support": 1, "billing": 1}
    assert CallQueue.objects.get(name="billing").agents_updated_at == at(1763800471)
    assert "agents logged in: billing 1, support 1" in report.summary()


def test_old_log_leaves_the_agents_alone(frozen_now):
    CallQueue.objects.create(name="support", agents_logged_in=7)

    report = run(SAMPLE.read_bytes())  # imported hours after its last line

    assert report.agents is None
    assert CallQueue.objects.get(name="support").agents_logged_in == 7


def test_a_later_count_from_the_api_is_kept(frozen_now):
    CallQueue.objects.create(
        name="support", agents_logged_in=4, agents_updated_at=at(1763800471 + 30)
    )

    queue_log_import(
        source_name="pbx1", stream=io.BytesIO(SAMPLE.read_bytes()), now=at(1763800471 + 60)
    )

    assert CallQueue.objects.get(name="support").agents_logged_in == 4
    assert CallQueue.objects.get(name="billing").agents_logged_in == 1
