"""The bench's parts on small sizes, and run_bench --quick end to end in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from pacte.business_calendar.holidays_source import public_holidays
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case
from pacte.conftest import skip_or_fail
from pacte.core.models import User
from pacte.demo.bench import queue as queue_bench
from pacte.demo.bench.api import Load, api_rows, case_payload, run_load
from pacte.demo.bench.database import _env, _postgres_url
from pacte.demo.bench.deadlines import bench_deadlines
from pacte.demo.bench.report import BenchRow, percentile_ms, table_lines
from pacte.demo.bench.run import FULL, QUICK, sizes_for
from pacte.demo.bench.server import free_port, gunicorn_serving
from pacte.demo.bench.services import bench_case_open

SPEC = CalendarSpec(holidays=public_holidays("FR", range(2024, 2028)))


def test_table_lines_align_the_columns():
    lines = table_lines([BenchRow("short", 1.5, "ms"), BenchRow("a longer name", 12345, "/s", "n")])
    assert lines[0].startswith("measurement")
    assert set(lines[1]) == {"-"}
    assert lines[2].index("1.50") + 4 == lines[3].index("12,345") + 6
    assert lines[3].split() == ["a", "longer", "name", "12,345", "/s", "n"]


def test_percentiles_of_nothing_are_zero():
    assert percentile_ms([], 50) == 0.0
    assert percentile_ms([0.001, 0.003], 50) == pytest.approx(2.0)


def test_quick_sizes_are_smaller_and_options_override_them():
    sizes = sizes_for(quick=True, open_cases=10, seed=None, api=False)
    assert sizes.open_cases == 10
    assert sizes.seed == QUICK.seed
    assert not sizes.api
    assert sizes_for(quick=False).receipts == FULL.receipts == 1_000_000


def test_deadline_bench_checks_both_paths_agree():
    rows = bench_deadlines(
        spec=SPEC, receipts=3_000, sample=300, seed=1, start=datetime(2025, 1, 1, tzinfo=UTC)
    )
    assert [row.name for row in rows] == [
        "deadlines, scalar", "deadlines, vectorised", "vectorised speed-up",
    ]  # fmt: skip
    assert all(row.value > 0 for row in rows)


def test_postgres_url_and_env_name_the_bench_database():
    config: dict[str, object] = {"USER": "pa cte", "PASSWORD": "s/cret", "HOST": "db", "PORT": 5433}
    assert (
        _postgres_url(config, "pacte_bench") == "postgres://pa%20cte:s%2Fcret@db:5433/pacte_bench"
    )
    assert _postgres_url({"USER": "postgres"}, "b") == "postgres://postgres@localhost/b"
    assert _env("sqlite", {}, "var/b.sqlite3") == {"PACTE_SQLITE_PATH": "var/b.sqlite3"}
    assert _env("postgresql", {}, "b") == {"DATABASE_URL": "postgres://localhost/b"}


class _Api(BaseHTTPRequestHandler):
    """Creates every case whose subject is not "Bench request 3"."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ok = self.headers["Authorization"] == "Token t" and self.headers["Idempotency-Key"]
        self.send_response(201 if ok and body["subject"] != "Bench request 3" else 400)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stub_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_api_load_is_bounded_and_counts_failures(stub_api):
    load = Load(requests=12, concurrency=3, seconds=30)

    def payload(index: int) -> bytes:
        return case_payload(index=index, team="t", motive="m", customer="C1")

    results, elapsed = run_load(base_url=stub_api, token="t", load=load, payload=payload)
    assert len(results.latencies) == 11
    assert results.failures == {400: 1}
    rows = api_rows(results, elapsed, load)
    assert rows[0].unit == "req/s"
    assert "failed: 400 x1" in rows[0].detail


def test_api_load_without_a_server_reports_no_answer():
    load = Load(requests=2, concurrency=1, seconds=5)
    results, _ = run_load(
        base_url=f"http://127.0.0.1:{free_port()}", token="t", load=load, payload=lambda i: b"{}"
    )
    assert results.failures == {0: 2}


def test_a_gunicorn_that_cannot_start_is_reported():
    with (
        pytest.raises(RuntimeError, match="did not start"),
        gunicorn_serving(env={"DJANGO_SETTINGS_MODULE": "pacte.no_such_settings"}),
    ):
        pass  # pragma: no cover


@pytest.mark.django_db
def test_case_open_bench_opens_cases(generate, frozen_now):
    generate(contacts=100, months=1)
    before = Case.objects.count()
    agent = User.objects.get(username="agent")
    rows = bench_case_open(count=4, seed=1, now=frozen_now, actor=agent)
    assert Case.objects.count() == before + 4
    assert rows[0].unit == "cases/s"


@pytest.mark.django_db
def test_case_open_bench_needs_reference_data(frozen_now, cast):
    with pytest.raises(RuntimeError, match="generate them first"):
        bench_case_open(count=1, seed=1, now=frozen_now, actor=cast.agent)


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_queue_bench_times_the_page_for_each_user(generate):
    generate(contacts=300, months=1, open_only=True)
    users = [User.objects.get(username="agent"), User.objects.get(username="supervisor")]
    rows = queue_bench.bench_queue(users=users, requests=2, open_cases=300)
    assert [row.name for row in rows] == [
        "queue as agent p50", "queue as agent p99",
        "queue as supervisor p50", "queue as supervisor p99",
    ]  # fmt: skip
    assert "GET /queue/" in rows[0].detail


@pytest.mark.django_db
def test_queue_bench_falls_back_to_the_selector_without_a_page(generate, monkeypatch):
    generate(contacts=100, months=1, open_only=True)
    monkeypatch.setattr(queue_bench, "queue_url", lambda: None)
    rows = queue_bench.bench_queue(
        users=[User.objects.get(username="agent")], requests=1, open_cases=100
    )
    assert "case_queue selector" in rows[0].detail


@pytest.mark.slow
def test_run_bench_quick_runs_end_to_end(tmp_path: Path):
    # given a throw-away var/ directory (and its own database name on PostgreSQL)
    env = {**os.environ, "PACTE_VAR_DIR": str(tmp_path)}
    command = [sys.executable, "manage.py", "run_bench", "--quick"]
    if os.environ.get("DATABASE_URL"):
        command += ["--db-name", f"pacte_bench_smoke_{os.getpid()}"]
    # when the quick bench runs
    done = subprocess.run(  # noqa: S603 - fixed argv
        command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=240,
        check=False,
    )  # fmt: skip
    # then every figure is printed
    assert done.returncode == 0, done.stderr[-3000:]
    if "not measured" in done.stdout:
        skip_or_fail(f"the API part could not run: {done.stdout[-500:]}")
    for name in (
        "bulk generation", "deadlines, vectorised", "case_open service",
        "API POST /api/cases/", "queue as agent p50", "queue as supervisor p99",
    ):  # fmt: skip
        assert name in done.stdout
    assert "failed" not in done.stdout
    assert not list((tmp_path / "bench").glob("*.sqlite3"))


def test_run_bench_command_passes_the_sizes_and_prints_the_table(monkeypatch):
    seen: dict[str, object] = {}

    def fake_run(*, sizes, db_name, keep_db, say):
        seen.update(sizes=sizes, db_name=db_name, keep_db=keep_db)
        say("working…")
        return [BenchRow("deadlines, vectorised", 1e6, "/s", "n")]

    monkeypatch.setattr("pacte.demo.management.commands.run_bench.bench_run", fake_run)
    out, err = StringIO(), StringIO()
    call_command(
        "run_bench", "--quick", "--no-api", "--open-cases", "7", "--keep-db", stdout=out, stderr=err
    )
    sizes = seen["sizes"]
    assert isinstance(sizes, type(QUICK))
    assert (sizes.open_cases, sizes.api, sizes.receipts) == (7, False, QUICK.receipts)
    assert seen["keep_db"] is True
    assert "1,000,000" in out.getvalue()
    assert "working…" in err.getvalue()
