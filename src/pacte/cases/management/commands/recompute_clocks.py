"""Rebuild every clock from the case events (after a calendar or scheme change)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pacte.cases.recompute import clocks_recompute
from pacte.core import clock


class Command(BaseCommand):
    help = "Re-derive every case's clocks from its events; run twice, same result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        report = clocks_recompute(now=clock.now(), batch_size=options["batch_size"])
        self.stdout.write(
            f"cases={report.cases} created={report.created} updated={report.updated} "
            f"deleted={report.deleted} unchanged={report.unchanged} "
            f"deadlines_moved={report.deadlines_moved}"
        )
