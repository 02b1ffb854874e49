"""The whole bench, in order, on a throw-away database: sizes, steps and the rows they give."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from rest_framework.authtoken.models import Token

from pacte.business_calendar.models import Calendar
from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case
from pacte.core import clock
from pacte.core.models import User
from pacte.customers.models import Customer
from pacte.demo.bench.api import Load, api_rows, case_payload, run_load
from pacte.demo.bench.compliance import bench_compliance
from pacte.demo.bench.database import BenchDatabase, bench_database
from pacte.demo.bench.deadlines import bench_deadlines
from pacte.demo.bench.dunning import bench_dunning
from pacte.demo.bench.ewt import bench_ewt
from pacte.demo.bench.mail import bench_mail
from pacte.demo.bench.queue import bench_queue
from pacte.demo.bench.queue_log import bench_queue_log
from pacte.demo.bench.report import BenchRow
from pacte.demo.bench.server import gunicorn_serving
from pacte.demo.bench.services import bench_case_open
from pacte.demo.catalogue import PARIS_FRONT
from pacte.demo.generate import demo_generate

Say = Callable[[str], None]


@dataclass(frozen=True)
class BenchSizes:
    """How big each part of the bench is."""

    receipts: int = 1_000_000
    scalar_sample: int = 100_000
    service_cases: int = 2_000
    api_requests: int = 1_000
    api_concurrency: int = 4
    api_seconds: float = 60.0
    open_cases: int = 100_000
    queue_requests: int = 50
    seed: int = 2004
    api: bool = True
    compliance_base: int = 100_000
    compliance_sizes: tuple[int, ...] = (1_000_000, 10_000_000)
    ewt_requests: int = 1_000
    ewt_events: int = 2_000
    emails: int = 2_000
    queue_log_lines: int = 200_000
    main: bool = True  # the first part: deadlines, case_open, API, queue, channels
    bills_rows: int = 1_000_000  # dunning: unpaid-bill CSV rows imported (0: skip)
    suspension_checks: int = 100_000  # dunning: lines whose suspension is checked


FULL = BenchSizes()
QUICK = BenchSizes(
    receipts=20_000,
    scalar_sample=2_000,
    service_cases=30,
    api_requests=30,
    api_concurrency=2,
    api_seconds=20.0,
    open_cases=2_000,
    queue_requests=5,
    compliance_base=5_000,
    compliance_sizes=(10_000, 20_000),
    ewt_requests=30,
    ewt_events=50,
    emails=100,
    queue_log_lines=5_000,
    bills_rows=20_000,
    suspension_checks=2_000,
)


def sizes_for(*, quick: bool, **overrides: object) -> BenchSizes:
    """The preset, with the options the user gave (None: keep the preset's)."""
    chosen = {key: value for key, value in overrides.items() if value is not None}
    return replace(QUICK if quick else FULL, **chosen)  # type: ignore[arg-type]


def bench_run(
    *, sizes: BenchSizes, db_name: str = "", keep_db: bool = False, say: Say
) -> list[BenchRow]:
    """Create the bench database, fill it, run every measurement; the rows, in order."""
    rows: list[BenchRow] = []
    if sizes.main:
        rows += _main(sizes=sizes, db_name=db_name, keep_db=keep_db, say=say)
    if sizes.bills_rows or sizes.suspension_checks:
        with bench_database(name=db_name, keep=keep_db) as database:
            say(f"dunning bench database: {database.vendor} {database.name}")
            rows += bench_dunning(
                rows=sizes.bills_rows, checks=sizes.suspension_checks, now=clock.now()
            )
    if sizes.compliance_sizes:
        with bench_database(name=db_name, keep=keep_db) as database:
            say(f"compliance bench database: {database.vendor} {database.name}")
            rows += bench_compliance(
                sizes=list(sizes.compliance_sizes),
                base=sizes.compliance_base,
                seed=sizes.seed,
                say=say,
            )
    return rows


def _main(*, sizes: BenchSizes, db_name: str, keep_db: bool, say: Say) -> list[BenchRow]:
    """Deadline arithmetic, case_open, the API and the queue, on one bench database."""
    with bench_database(name=db_name, keep=keep_db) as database:
        say(f"bench database: {database.vendor} {database.name}")
        rows = [_backlog(sizes)]
        say("deadline arithmetic…")
        spec = calendar_spec(calendar=Calendar.objects.get(code="FR"))
        rows += bench_deadlines(
            spec=spec,
            receipts=sizes.receipts,
            sample=sizes.scalar_sample,
            seed=sizes.seed,
            start=datetime(2025, 1, 1, tzinfo=UTC),
        )
        agent = User.objects.get(username="agent")
        say("case_open service…")
        rows += bench_case_open(
            count=sizes.service_cases, seed=sizes.seed, now=clock.now(), actor=agent
        )
        if sizes.api:
            say("API under load…")
            rows += _api(database, sizes, agent)
        say("agent queue…")
        users = [agent, User.objects.get(username="supervisor")]
        rows += bench_queue(
            users=users, requests=sizes.queue_requests, open_cases=Case.objects.open().count()
        )
        say("estimated wait and ACD events…")
        rows += bench_ewt(requests=sizes.ewt_requests, events=sizes.ewt_events, seed=sizes.seed)
        say("queue_log import…")
        rows += bench_queue_log(lines=sizes.queue_log_lines, seed=sizes.seed)
        say("email intake (IMAP)…")
        rows += bench_mail(count=sizes.emails)
    return rows


def _backlog(sizes: BenchSizes) -> BenchRow:
    """Bulk-generate the open cases the queue is measured with (and time it)."""
    began = time.perf_counter()
    demo_generate(
        contacts=sizes.open_cases, months=1, seed=sizes.seed, now=clock.now(), open_only=True
    )
    rate = sizes.open_cases / max(time.perf_counter() - began, 1e-9)
    return BenchRow("bulk generation", rate, "cases/s", f"{sizes.open_cases:,} open cases")


def _api(database: BenchDatabase, sizes: BenchSizes, agent: User) -> list[BenchRow]:
    token = Token.objects.get_or_create(user=agent)[0].key
    references = list(Customer.objects.order_by("pk").values_list("reference", flat=True)[:500])

    def payload(index: int) -> bytes:
        customer = references[index % len(references)]
        return case_payload(index=index, team=PARIS_FRONT, motive="plan-change", customer=customer)

    load = Load(sizes.api_requests, sizes.api_concurrency, sizes.api_seconds)
    try:
        with gunicorn_serving(env=database.env) as base_url:
            results, elapsed = run_load(base_url=base_url, token=token, load=load, payload=payload)
    except RuntimeError as error:
        return [BenchRow("API POST /api/cases/", 0.0, "req/s", f"not measured: {error}")]
    return api_rows(results, elapsed, load)
