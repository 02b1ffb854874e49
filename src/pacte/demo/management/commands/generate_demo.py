"""Generate a realistic, reproducible demo: months of cases across channels, with their clocks."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.demo.catalogue import DEMO_PASSWORD, DEMO_USERS
from pacte.demo.generate import demo_generate
from pacte.demo.reset import demo_data_exists
from pacte.demo.summary import summary_lines

DEFAULT_SEED = 2004


class Command(BaseCommand):
    help = (
        "Generate demo data: N contacts over M months ending now, deterministic for a seed. "
        "Refuses when cases exist, unless --reset (replace) or --if-empty (do nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--contacts", type=int, default=30_000, help="cases to generate")
        parser.add_argument("--months", type=int, default=12, help="months of history")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument(
            "--reset", action="store_true", help="delete existing cases and customers first"
        )
        choice.add_argument(
            "--if-empty", action="store_true", help="do nothing when cases already exist"
        )
        choice.add_argument("--logins", action="store_true", help="only print the demo logins")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self._logins()
            return
        if options["if_empty"] and demo_data_exists():
            self.stdout.write("Demo data already there: nothing generated.")
            return
        verbosity = int(options["verbosity"])

        def progress(done: int, total: int) -> None:
            if verbosity >= 2:
                self.stderr.write(f"  cases {done:,}/{total:,}")

        try:
            summary = demo_generate(
                contacts=options["contacts"],
                months=options["months"],
                seed=options["seed"],
                now=clock.now(),
                reset=options["reset"],
                progress=progress,
            )
        except PacteError as error:
            raise CommandError(error.message) from error
        if verbosity >= 1:
            for line in summary_lines(summary, zone=ZoneInfo(settings.TIME_ZONE)):
                self.stdout.write(line)

    def _logins(self) -> None:
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<12} {DEMO_PASSWORD:<12} {user.role.label}")
