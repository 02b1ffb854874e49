"""Import an Asterisk queue_log file; rerunning it imports only the new lines."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.core.clock import now
from pacte.telephony.importing import queue_log_import


class Command(BaseCommand):
    help = "Import an Asterisk queue_log file; idempotent, resumes after the last stored line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the queue_log file")
        parser.add_argument(
            "--source", default=None, help="source name (default: the file's absolute path)"
        )
        parser.add_argument(
            "--window-hours",
            type=int,
            default=None,
            help="how far back lines may be dated (default: PACTE_BACKDATE_WINDOW_HOURS); "
            "older lines are kept as rejected, and a later run with a wider window stores them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = os.path.abspath(options["path"])
        source_name = options["source"] or path
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandError(f"cannot read queue_log file {path}: {error.strerror}") from error
        hours = options["window_hours"]
        if hours is not None and hours < 0:
            raise CommandError("--window-hours must be 0 or more")
        window = timedelta(hours=hours) if hours is not None else None
        with stream:
            report = queue_log_import(
                source_name=source_name, stream=stream, now=now(), window=window
            )
        self.stdout.write(report.summary())
        for line_number, reason in report.rejected_lines:
            self.stdout.write(f"  line {line_number}: {reason}")
        if report.rejected > len(report.rejected_lines):
            self.stdout.write(f"  ... and {report.rejected - len(report.rejected_lines)} more")
