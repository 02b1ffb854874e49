"""Walk the hash chains of every append-only log (or one case's) and report the first
broken row of each broken chain; fails when any is broken. Reads only."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.core.chain import chains_verify_all

CASE_REFERENCE = re.compile(r"^P?0*(\d+)$")


class Command(BaseCommand):
    help = "Verify the hash chains of the event logs (all, or one case's events)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--case", default=None, help="a case's reference (P00000012) or id: its events only"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["case"] is None:
            report = chains_verify_all()
        else:
            found = CASE_REFERENCE.match(options["case"].strip())
            if found is None:
                raise CommandError(f"{options['case']!r} is not a case reference or id")
            report = chains_verify_all(table="cases.caseevent", key=int(found.group(1)))
        for broken in report.breaks:
            self.stdout.write(f"BROKEN {broken}")
        if report.breaks:
            raise CommandError(f"{len(report.breaks)} broken chain(s) out of {report.chains}")
        self.stdout.write(f"{report.rows} row(s) in {report.chains} chain(s) verified.")
