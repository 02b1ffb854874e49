"""queue_log import speed: a generated Asterisk log imported with call derivation, then again.

The log is a realistic day on four queues: members added and agents logged in, calls
arriving every few seconds, most answered (some after an unanswered ring), some
abandoned, timed out, left with a key or thrown out of an empty queue, some transferred
(blind or attended) and some misrouted by the IVR into another queue, pauses. Calls
overlap, so the lines of one call are spread over several import batches, as in a
real file. The figures: lines imported per second (storing the lines and deriving the
calls and visits), the same file imported again (nothing new: the resume offset makes
it a no-op), and the day's measures query on the result.
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection

from pacte.demo.bench.report import BenchRow
from pacte.telephony.importing import ImportReport, queue_log_import
from pacte.telephony.measures import queue_measures, site_zone
from pacte.telephony.models import Call, QueueVisit

QUEUES = ("support", "billing", "sales", "directory")
AGENTS_PER_QUEUE = 6
START = datetime(2025, 11, 24, 7, 0, tzinfo=UTC)  # a Monday, 08:00 in Paris
SOURCE = "bench:queue_log"


@dataclass
class _Log:
    """Lines with their instants, sorted only at the end (calls overlap)."""

    rng: random.Random
    lines: list[tuple[float, int, str]] = field(default_factory=list)

    def add(
        self, at: float, callid: str, queue: str, agent: str, event: str, *data: object
    ) -> None:
        text = "|".join([f"{at:.3f}".rstrip("0").rstrip("."), callid, queue, agent, event])
        if data:
            text += "|" + "|".join(str(value) for value in data)
        self.lines.append((at, len(self.lines), text))


def _agents(queue: str) -> list[str]:
    return [f"PJSIP/{QUEUES.index(queue) + 1}{number:02d}" for number in range(AGENTS_PER_QUEUE)]


def _members(log: _Log, at: float) -> None:
    for queue in QUEUES:
        for agent in _agents(queue):
            log.add(at, "NONE", queue, agent, "ADDMEMBER", "")
            log.add(at, "NONE", queue, f"Agent/{agent[-3:]}", "AGENTLOGIN", agent)


def _answered(log: _Log, at: float, callid: str, queue: str, wait: int) -> tuple[float, str]:
    """Ring (maybe unanswered first), connect after ``wait``; the agent."""
    rng = log.rng
    agent = rng.choice(_agents(queue))
    log.add(at + 1, callid, queue, agent, "AGENTCALLED", agent)
    if rng.random() < 0.2:
        log.add(at + min(wait, 15), callid, queue, agent, "RINGNOANSWER", min(wait, 15) * 1000)
        agent = rng.choice(_agents(queue))
    log.add(at + wait, callid, queue, agent, "CONNECT", wait, f"{at + wait:.0f}.{callid}", 3)
    return at + wait, agent


def _call(log: _Log, at: float, callid: str) -> None:
    rng = log.rng
    queue = rng.choice(QUEUES)
    if rng.random() < 0.3:
        log.add(
            at - 0.5, callid, "NONE", "NONE", "DID", "0800" + str(rng.randrange(100000, 999999))
        )
    caller = "06" + str(rng.randrange(10_000_000, 99_999_999))
    log.add(at, callid, queue, "NONE", "ENTERQUEUE", "", caller, rng.randrange(1, 6))
    if rng.random() < 0.1:
        log.add(at + 1, callid, queue, "NONE", "INFO", "MOTIVE", rng.choice(("plan", "bill")))
    draw = rng.random()
    wait = int(rng.expovariate(1 / 25)) + 1
    if draw < 0.15:
        log.add(at + wait, callid, queue, "NONE", "ABANDON", 1, 1, wait)
        return
    if draw < 0.25:
        kind = rng.choice(("EXITWITHTIMEOUT", "EXITEMPTY"))
        log.add(at + 300, callid, queue, "NONE", kind, 1, 1, 300)
        return
    if draw < 0.27:
        log.add(at + wait, callid, queue, "NONE", "EXITWITHKEY", "0", 1, 1, wait)
        return
    answered, agent = _answered(log, at, callid, queue, wait)
    talk = int(rng.expovariate(1 / 180)) + 5
    end = answered + talk
    outcome = rng.random()
    if outcome < 0.08:  # misrouted: blind transfer into another queue
        other = rng.choice([name for name in QUEUES if name != queue])
        log.add(end, callid, queue, agent, "BLINDTRANSFER", other, "queues", wait, talk, 1)
        log.add(end + 1, callid, other, "NONE", "ENTERQUEUE", "", caller, 1)
        again, agent = _answered(log, end + 1, callid, other, rng.randrange(2, 30))
        log.add(again + 60, callid, other, agent, "COMPLETECALLER", 5, 60, 1)
    elif outcome < 0.12:
        log.add(end, callid, queue, agent, "ATTENDEDTRANSFER", "BRIDGE", "x", wait, talk, 1)
    else:
        kind = rng.choice(("COMPLETECALLER", "COMPLETEAGENT"))
        log.add(end, callid, queue, agent, kind, wait, talk, 1)


def queue_log_text(*, lines: int, seed: int, start: datetime = START) -> bytes:
    """A queue_log of about ``lines`` lines (whole calls), in time order."""
    log = _Log(rng=random.Random(seed))
    at = start.timestamp()
    _members(log, at)
    number = 0
    while len(log.lines) < lines:
        at += log.rng.expovariate(1 / 3)
        number += 1
        _call(log, at, f"{int(at)}.{number}")
        if number % 200 == 0:
            agent = log.rng.choice(_agents(log.rng.choice(QUEUES)))
            log.add(at, "NONE", "NONE", agent, "PAUSEALL", "break")
            log.add(at + 600, "NONE", "NONE", agent, "UNPAUSEALL", "")
    log.lines.sort()
    return "".join(text + "\n" for _at, _seq, text in log.lines[:lines]).encode()


def _import(path: Path) -> tuple[ImportReport, float]:
    began = time.perf_counter()
    with path.open("rb") as stream:
        report = queue_log_import(source_name=SOURCE, stream=stream, now=START)
    return report, time.perf_counter() - began


def bench_queue_log(*, lines: int, seed: int) -> list[BenchRow]:
    """Import a generated log (deriving calls), import it again, measure its day."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "queue_log"
        path.write_bytes(queue_log_text(lines=lines, seed=seed))
        first, first_seconds = _import(path)
        again, again_seconds = _import(path)
    if again.imported or again.calls.calls_created or again.calls.calls_updated:
        raise RuntimeError(f"re-import was not a no-op: {again.summary()}")
    calls, visits = Call.objects.count(), QueueVisit.objects.count()
    began = time.perf_counter()
    measures = queue_measures(day=START.astimezone(site_zone()).date(), interval_minutes=15)
    measure_ms = (time.perf_counter() - began) * 1000
    detail = f"{lines:,} lines, {calls:,} calls, {visits:,} visits, {connection.vendor}"
    return [
        BenchRow("queue_log import", first.imported / max(first_seconds, 1e-9), "lines/s", detail),
        BenchRow(
            "queue_log re-import (no-op)",
            again_seconds * 1000,
            "ms",
            f"same {lines:,} lines: resumed at the stored offset, {again.imported} imported",
        ),
        BenchRow(
            "telephony measures, one day",
            measure_ms,
            "ms",
            f"15-min intervals, {len(measures.rows)} rows, {measures.total.tally.offered:,} visits",
        ),
    ]
