"""Dunning at scale (T4.3): a CSV import of unpaid bills (rows/s, memory peak) and the
suspension rule checked for many lines at once (``suspension_allowed_many``).

The population (customers, accounts, one line each) is written with ``bulk_create``;
the CSV file is written to a temporary file and imported from it, streamed, as an
upload would be. The memory peak is the growth of the process's resident peak
(``ru_maxrss``) during the import (tracemalloc would slow the import several times).
Dunning cases with their contacts are then written in bulk by the demo's writer.
"""

from __future__ import annotations

import resource
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pacte.core.models import User
from pacte.customers.models import Account, BillingMode, Customer, Line
from pacte.demo.bench.report import BenchRow
from pacte.demo.dunning import DunnedLine, dunning_rows_write
from pacte.demo.reference import reference_ensure
from pacte.operations.bills_import import COLUMNS, bills_import
from pacte.operations.dunning import dunning_motive, dunning_team
from pacte.operations.suspension import suspension_allowed_many

CHUNK = 5000
BILLS_PER_LINE = 10
MIB = 1024 * 1024


def _population(lines: int, today: datetime) -> list[tuple[int, int, str, str]]:
    """``lines`` customers with one account and one line each: (line, customer, msisdn,
    account number)."""
    made: list[tuple[int, int, str, str]] = []
    for start in range(0, lines, CHUNK):
        numbers = range(start, min(lines, start + CHUNK))
        customers = Customer.objects.bulk_create(
            [Customer(reference=f"BD{n:09d}", last_name=f"Bench {n}") for n in numbers]
        )
        accounts = Account.objects.bulk_create(
            [
                Account(
                    customer=customer,
                    number=f"BA{n:09d}",
                    billing_mode=BillingMode.SUBSCRIPTION,
                    opened_on=today.date(),
                )
                for n, customer in zip(numbers, customers, strict=True)
            ]
        )
        created = Line.objects.bulk_create(
            [
                Line(account=a, msisdn=f"+3369{n:08d}")
                for n, a in zip(numbers, accounts, strict=True)
            ]
        )
        made += [
            (line.pk, account.customer_id, line.msisdn, account.number)
            for line, account in zip(created, accounts, strict=True)
        ]
    return made


def _csv(path: Path, rows: int, lines: list[tuple[int, int, str, str]]) -> None:
    """Half the amounts with a decimal comma, half with a point."""
    with path.open("w", encoding="utf-8") as out:
        out.write(";".join(COLUMNS) + "\n")
        for n in range(rows):
            _line, _customer, msisdn, account = lines[n % len(lines)]
            amount = f"{(n % 9000) / 100 + 1:.2f}"
            if n % 2:
                amount = amount.replace(".", ",")
            out.write(f"{account};{msisdn};B{n:09d};{amount};2026-10-15\n")


def bench_bills_import(
    *, rows: int, lines: list[tuple[int, int, str, str]], actor: User
) -> list[BenchRow]:
    """Import a ``rows``-row CSV file of unpaid bills; rows/s and the memory peaks."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bills.csv"
        _csv(path, rows, lines)
        size = path.stat().st_size
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        began = time.perf_counter()
        with path.open("rb") as stream:
            batch = bills_import(stream=stream, file_name="bills.csv", actor=actor)
        elapsed = time.perf_counter() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    detail = f"{rows:,} rows ({size / MIB:,.0f} MiB), {batch.accepted:,} imported"
    memory = f"ru_maxrss: {peak / 1024:,.0f} MiB at the end, {before / 1024:,.0f} before"
    return [
        BenchRow("unpaid-bill CSV import", rows / max(elapsed, 1e-9), "rows/s", detail),
        BenchRow("CSV import, memory peak growth", max(peak - before, 0) / 1024, "MiB", memory),
    ]


def bench_suspension_check(
    *, lines: list[tuple[int, int, str, str]], actor: User, now: datetime
) -> list[BenchRow]:
    """Dunning cases for ``lines`` (half contacted 8 days ago or more), then the
    suspension rule checked for all of them at once."""
    motive, team = dunning_motive(), dunning_team()
    began = time.perf_counter()
    for start in range(0, len(lines), CHUNK):
        dunned = [
            DunnedLine(
                line_id, customer, msisdn, now - timedelta(days=20),
                contact=now - timedelta(days=3 + (k % 2) * 7, minutes=k % 600),
            )
            for k, (line_id, customer, msisdn, _a) in enumerate(lines[start : start + CHUNK], start)
        ]  # fmt: skip
        dunning_rows_write(dunned, team=team, motive=motive, actor=actor, now=now)
    written = time.perf_counter() - began
    ids = [line for line, *_rest in lines]
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        found = suspension_allowed_many(ids, now)
        elapsed = time.perf_counter() - began
    allowed = sum(1 for item in found.values() if item.allowed)
    count = len(ids)
    detail = f"{count:,} lines in {elapsed:,.2f} s, {len(queries)} queries, {allowed:,} allowed"
    return [
        BenchRow(
            "dunning cases written (bulk)",
            count / max(written, 1e-9),
            "cases/s",
            f"{count:,} cases with a contact",
        ),
        BenchRow("suspension rule, batch check", count / max(elapsed, 1e-9), "lines/s", detail),
    ]


def bench_dunning(*, rows: int, checks: int, now: datetime) -> list[BenchRow]:
    """The CSV import of ``rows`` bills, then the check of ``checks`` suspensions."""
    reference = reference_ensure()
    actor = reference.users["supervisor"]
    lines = _population(max(checks, rows // BILLS_PER_LINE, 1), now)
    result = bench_bills_import(rows=rows, lines=lines, actor=actor) if rows else []
    if checks:
        result += bench_suspension_check(lines=lines[:checks], actor=actor, now=now)
    return result
