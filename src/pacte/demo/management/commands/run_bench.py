"""Measure deadline arithmetic, case_open, the API under load and the agent queue; print a table."""

from __future__ import annotations

from argparse import ArgumentTypeError
from dataclasses import replace
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pacte.demo.bench.report import table_lines
from pacte.demo.bench.run import bench_run, sizes_for


def _sizes(value: str) -> tuple[int, ...]:
    """``1000000,10000000`` as (1000000, 10000000); ``0`` as () (skip)."""
    try:
        sizes = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError as error:
        raise ArgumentTypeError(f"expected numbers separated by commas, got {value!r}") from error
    if any(size < 0 for size in sizes):
        raise ArgumentTypeError("sizes must be positive")
    return tuple(size for size in sizes if size)


class Command(BaseCommand):
    help = (
        "Benchmark Pacte on a throw-away database (var/bench/ on SQLite, <name>_bench on "
        "PostgreSQL): figures only, no assertions. --quick for a small smoke run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
        parser.add_argument("--receipts", type=int, help="receipts for the vectorised path")
        parser.add_argument("--scalar-sample", type=int, help="receipts for the scalar path")
        parser.add_argument("--service-cases", type=int, help="cases opened via case_open")
        parser.add_argument("--api-requests", type=int, help="POST /api/cases/ requests")
        parser.add_argument("--api-concurrency", type=int, help="parallel API clients")
        parser.add_argument("--api-seconds", type=float, help="time limit of the API load")
        parser.add_argument("--open-cases", type=int, help="open cases behind the queue")
        parser.add_argument("--queue-requests", type=int, help="queue page requests per user")
        parser.add_argument("--ewt-requests", type=int, help="estimated-wait requests")
        parser.add_argument("--ewt-events", type=int, help="ACD/IVR events recorded")
        parser.add_argument("--emails", type=int, help="emails ingested from IMAP")
        parser.add_argument("--queue-log-lines", type=int, help="queue_log lines imported")
        parser.add_argument("--seed", type=int, help="random seed")
        parser.add_argument("--no-api", action="store_true", help="skip the API load")
        parser.add_argument(
            "--compliance-sizes",
            type=_sizes,
            help="history sizes for the compliance part, comma-separated (0: skip the part)",
        )
        parser.add_argument("--compliance-base", type=int, help="cases generated, then copied")
        parser.add_argument(
            "--compliance-only", action="store_true", help="only the compliance part"
        )
        parser.add_argument("--bills-rows", type=int, help="unpaid-bill CSV rows (0: skip)")
        parser.add_argument("--suspension-checks", type=int, help="suspensions checked")
        parser.add_argument(
            "--dunning-only", action="store_true", help="only the dunning part (T4.3)"
        )
        parser.add_argument("--db-name", default="", help="bench database (path or name)")
        parser.add_argument("--keep-db", action="store_true", help="keep the bench database")

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = sizes_for(
            quick=options["quick"],
            receipts=options["receipts"],
            scalar_sample=options["scalar_sample"],
            service_cases=options["service_cases"],
            api_requests=options["api_requests"],
            api_concurrency=options["api_concurrency"],
            api_seconds=options["api_seconds"],
            open_cases=options["open_cases"],
            queue_requests=options["queue_requests"],
            ewt_requests=options["ewt_requests"],
            ewt_events=options["ewt_events"],
            emails=options["emails"],
            queue_log_lines=options["queue_log_lines"],
            seed=options["seed"],
            api=False if options["no_api"] else None,
            compliance_sizes=options["compliance_sizes"],
            compliance_base=options["compliance_base"],
            main=False if options["compliance_only"] or options["dunning_only"] else None,
            bills_rows=0 if options["compliance_only"] else options["bills_rows"],
            suspension_checks=0 if options["compliance_only"] else options["suspension_checks"],
        )
        if options["dunning_only"]:
            sizes = replace(sizes, compliance_sizes=())

        def say(message: str) -> None:
            if int(options["verbosity"]) >= 1:
                self.stderr.write(message)

        rows = bench_run(
            sizes=sizes, db_name=options["db_name"], keep_db=options["keep_db"], say=say
        )
        for line in table_lines(rows):
            self.stdout.write(line)
