"""Compute ahead the kept tallies of the last settled months (nightly, or after bulk loads)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.compliance.refresh import tallies_refresh
from pacte.core import clock


class Command(BaseCommand):
    help = "Keep the tallies of the last settled months of every active scheme version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=12, help="how many months (12)")

    def handle(self, *args: Any, **options: Any) -> None:
        months = int(options["months"])
        if not 1 <= months <= 120:
            raise CommandError("--months must be between 1 and 120.")
        began = time.perf_counter()
        report = tallies_refresh(now=clock.now(), months=months)
        elapsed = time.perf_counter() - began
        self.stdout.write(f"{len(report.months)} scheme months refreshed in {elapsed:.1f} s")
