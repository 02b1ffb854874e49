"""Latency of the agent queue page with many open cases, through Django's test client.

Falls back to timing the ``case_queue`` selector's first page when the workspace has
no queue page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse

from pacte.cases.selectors import case_queue
from pacte.core.models import User
from pacte.demo.bench.report import BenchRow, latency_rows


def queue_url() -> str | None:
    try:
        return reverse("workspace:queue")
    except NoReverseMatch:
        return None


def _timed(call: Callable[[], None], requests: int) -> list[float]:
    call()  # warm-up: caches, first query plans
    latencies = []
    for _ in range(requests):
        start = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - start)
    return latencies


def _page_call(user: User, url: str) -> Callable[[], None]:
    client = Client()
    client.force_login(user)

    def call() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} as {user.username}: {response.status_code}")

    return call


def _selector_call(user: User) -> Callable[[], None]:
    page = int(getattr(settings, "PACTE_QUEUE_PAGE_SIZE", 50))

    def call() -> None:
        list(case_queue(user=user)[:page])

    return call


def bench_queue(*, users: list[User], requests: int, open_cases: int) -> list[BenchRow]:
    """Median and p99 latency of the queue for each user (an agent, a supervisor…)."""
    url = queue_url()
    rows: list[BenchRow] = []
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        for user in users:
            call = _page_call(user, url) if url else _selector_call(user)
            what = f"GET {url}" if url else "case_queue selector (no page)"
            detail = f"{what}, {open_cases:,} open cases, {requests} requests"
            rows += latency_rows(f"queue as {user.role}", _timed(call, requests), detail)
    return rows
