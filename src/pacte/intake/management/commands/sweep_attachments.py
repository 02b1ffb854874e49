"""``manage.py sweep_attachments [--older-than-hours 24] [--dry-run]``: remove orphan files."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.core import clock
from pacte.intake.sweep import orphan_files_sweep


class Command(BaseCommand):
    help = (
        "Remove attachment files that no attachment row names (left by a filing that "
        "rolled back), once older than --older-than-hours (24)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-hours", type=int, default=24)
        parser.add_argument("--dry-run", action="store_true", help="report, remove nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        hours = int(options["older_than_hours"])
        if hours < 1:
            raise CommandError("--older-than-hours must be at least 1: a filing may be running.")
        report = orphan_files_sweep(
            now=clock.now(), older_than=timedelta(hours=hours), dry_run=options["dry_run"]
        )
        verb = "would remove" if options["dry_run"] else "removed"
        for name in report.removed:
            self.stdout.write(f"{verb} {name}")
        self.stdout.write(
            f"{report.files} files: {report.kept} attached, {report.too_recent} too recent, "
            f"{len(report.removed)} {verb}"
        )
