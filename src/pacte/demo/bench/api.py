"""Case creations per second through ``POST /api/cases/`` under a bounded local load.

A small thread pool sends at most ``requests`` requests and stops at ``seconds``;
each request carries its own Idempotency-Key and a token of an agent of the team.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pacte.demo.bench.report import BenchRow, latency_rows


@dataclass(frozen=True, slots=True)
class Load:
    """How much to send: total requests, parallel clients, and a time limit."""

    requests: int
    concurrency: int
    seconds: float


@dataclass
class Results:
    """Latencies of the created cases and the status codes of the others."""

    latencies: list[float] = field(default_factory=list)
    failures: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, seconds: float) -> None:
        with self.lock:
            if status == 201:
                self.latencies.append(seconds)
            else:
                self.failures[status] = self.failures.get(status, 0) + 1


def case_payload(*, index: int, team: str, motive: str, customer: str) -> bytes:
    """The JSON body of one bench case (an email request, received now)."""
    body = {
        "channel": "email",
        "kind": "request",
        "motive": motive,
        "subject": f"Bench request {index}",
        "team": team,
        "customer_reference": customer,
    }
    return json.dumps(body).encode()


def _post(base_url: str, token: str, body: bytes) -> int:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        connection.request(
            "POST",
            "/api/cases/",
            body=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Token {token}",
                "Idempotency-Key": str(uuid.uuid4()),
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


def run_load(
    *, base_url: str, token: str, load: Load, payload: Callable[[int], bytes]
) -> tuple[Results, float]:
    """Send the load; the results and the elapsed wall-clock seconds."""
    results = Results()
    counter = itertools.count()
    deadline = time.monotonic() + load.seconds

    def client() -> None:
        while time.monotonic() < deadline:
            index = next(counter)
            if index >= load.requests:
                return
            start = time.perf_counter()
            status = _post(base_url, token, payload(index))
            results.record(status, time.perf_counter() - start)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=load.concurrency) as pool:
        for future in [pool.submit(client) for _ in range(load.concurrency)]:
            future.result()
    return results, time.perf_counter() - began


def api_rows(results: Results, elapsed: float, load: Load) -> list[BenchRow]:
    """Rate of created cases, latency percentiles, and the failures if any."""
    created = len(results.latencies)
    detail = f"{created:,} created, {load.concurrency} clients"
    if results.failures:
        statuses = ", ".join(
            f"{s or 'no answer'} x{n}" for s, n in sorted(results.failures.items())
        )
        detail += f"; failed: {statuses}"
    return [
        BenchRow("API POST /api/cases/", created / max(elapsed, 1e-9), "req/s", detail),
        *latency_rows("API latency", results.latencies, f"{load.concurrency} clients"),
    ]
