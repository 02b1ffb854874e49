"""Estimated-wait requests and ACD/IVR events per second, through Django's test client.

The queue is made realistic first: ``waiting`` callers in line and ``answered`` visits
answered over the day so far (the running average reads the last 100 of them, the
handle time those that ended in the last 30 minutes). The EWT is asked for the
waiting callers in turn, so each request also stores a WaitAnnouncement, as in
production. Events are posted one per request, as an IVR sends them: a full call
is entered, price_announced, queued, answered, ended.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from django.test.utils import override_settings

from pacte.core import clock
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.demo.bench.report import BenchRow, latency_rows
from pacte.telephony.models import Call, CallQueue, CallSource, QueueVisit, VisitOutcome

QUEUE = "bench-ewt"
EVENTS_URL = "/api/telephony/events/"


def _integration_user() -> User:
    user, _created = User.objects.get_or_create(
        username="bench-acd", defaults={"role": Role.CUSTOMER}
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="telephony", codename__in=["add_callevent", "view_callqueue"]
        )
    )
    user.user_permissions.add(Permission.objects.get(codename="record_past_instants"))
    return User.objects.get(pk=user.pk)


def _visits(queue: CallQueue, rows: list[tuple[str, datetime, int | None, int | None]]) -> None:
    """Calls and visits from (callid, entered, waited or None if waiting, talk)."""
    calls = Call.objects.bulk_create(
        [
            Call(callid=callid, source=CallSource.API, started_at=entered)
            for callid, entered, *_ in rows
        ]
    )
    visits = []
    for call, (_callid, entered, waited, talk) in zip(calls, rows, strict=True):
        visit = QueueVisit(call=call, queue=queue, source=CallSource.API, entered_at=entered)
        if waited is not None and talk is not None:
            visit.outcome = VisitOutcome.ANSWERED
            visit.wait_seconds, visit.talk_seconds = waited, talk
            visit.answered_at = entered + timedelta(seconds=waited)
            visit.ended_at = visit.answered_at + timedelta(seconds=talk)
        visits.append(visit)
    QueueVisit.objects.bulk_create(visits, batch_size=1000)


def bench_queue_fill(*, waiting: int, answered: int, seed: int, now: datetime) -> CallQueue:
    """The bench queue with ``answered`` visits over the last 10 hours and ``waiting`` callers."""
    draw = random.Random(seed)
    queue, _created = CallQueue.objects.update_or_create(
        name=QUEUE, defaults={"agents_logged_in": 20, "agents_updated_at": now}
    )
    span = 10 * 3600
    done = [
        (
            f"bench-ewt-a{index}",
            now - timedelta(seconds=span * (answered - index) / answered + 900),
            draw.randint(5, 240),
            draw.randint(60, 600),
        )
        for index in range(answered)
    ]
    queued = [
        (f"bench-ewt-w{index}", now - timedelta(seconds=5 * (waiting - index)), None, None)
        for index in range(waiting)
    ]
    _visits(queue, [*done, *queued])
    return queue


def _timed(call: Callable[[int], None], count: int) -> tuple[list[float], float]:
    call(0)  # warm-up: caches, first query plans
    latencies = []
    began = time.perf_counter()
    for index in range(1, count + 1):
        start = time.perf_counter()
        call(index)
        latencies.append(time.perf_counter() - start)
    return latencies, time.perf_counter() - began


def _estimate_call(client: Client, waiting: int) -> Callable[[int], None]:
    url = f"/api/telephony/queues/{QUEUE}/wait-estimate/"

    def call(index: int) -> None:
        response = client.get(url, {"callid": f"bench-ewt-w{index % waiting}"})
        if response.status_code != 200:
            raise RuntimeError(f"GET {url}: {response.status_code}")

    return call


def _events_call(client: Client, now: datetime) -> Callable[[int], None]:
    steps: tuple[tuple[str, int], ...] = (
        ("entered", 0),
        ("price_announced", 2),
        ("queued", 20),
        ("answered", 60),
        ("ended", 300),
    )

    def call(index: int) -> None:
        callid = f"bench-ev-{index // len(steps)}"
        kind, offset = steps[index % len(steps)]
        data = {"queue": QUEUE} if kind in {"queued", "answered"} else {}
        if kind == "entered":
            data = {"caller_number": f"06{index:08d}"[-10:]}
        at = now - timedelta(seconds=600 - offset)
        body = {"callid": callid, "kind": kind, "at": at.isoformat(), "data": data}
        response = client.post(EVENTS_URL, json.dumps(body), content_type="application/json")
        if response.status_code != 201:
            raise RuntimeError(f"POST {EVENTS_URL}: {response.status_code} {response.content!r}")

    return call


def bench_ewt(
    *, requests: int, events: int, waiting: int = 50, answered: int = 2_000, seed: int = 2004
) -> list[BenchRow]:
    """EWT requests per second (and latency), then ACD/IVR events recorded per second."""
    now = clock.now()
    bench_queue_fill(waiting=waiting, answered=answered, seed=seed, now=now)
    client = Client()
    client.force_login(_integration_user())
    detail = f"{waiting} waiting, {answered:,} answered today, {requests} requests"
    rows: list[BenchRow] = []
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        latencies, elapsed = _timed(_estimate_call(client, waiting), requests)
        rows.append(
            BenchRow("EWT GET wait-estimate", requests / max(elapsed, 1e-9), "req/s", detail)
        )
        rows += latency_rows("EWT latency", latencies, detail)
        latencies, elapsed = _timed(_events_call(client, now), events)
        event_detail = f"{events} events posted one per request (5 per call)"
        rows.append(
            BenchRow("ACD events POST", events / max(elapsed, 1e-9), "events/s", event_detail)
        )
        rows += latency_rows("ACD event latency", latencies, event_detail)
    return rows
