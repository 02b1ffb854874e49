"""Write a closed month as files an outsider checks with sha256 (docs/trail.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.compliance.models import ClosingStatus, MonthClosing
from pacte.compliance.periods import parse_month
from pacte.compliance.seal_export import seal_export
from pacte.core.errors import PacteError


class Command(BaseCommand):
    help = "Export a closed month's sealed document, verdicts and trail (and its events)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--scheme", required=True, help="scheme code")
        parser.add_argument("--output", required=True, help="folder to write into")
        parser.add_argument(
            "--events", action="store_true", help="also every event row under the month"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year, month = parse_month(options["month"])
        except PacteError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        closing = (
            MonthClosing.objects.select_related("scheme_version__scheme")
            .filter(
                scheme__code=options["scheme"],
                year=year,
                month=month,
                status=ClosingStatus.CLOSED,
            )
            .first()
        )
        if closing is None:
            raise CommandError(f"{options['scheme']} {options['month']} is not closed.")
        try:
            paths = seal_export(
                closing=closing, folder=Path(options["output"]), events=options["events"]
            )
        except PacteError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        for path in paths:
            self.stdout.write(str(path))
