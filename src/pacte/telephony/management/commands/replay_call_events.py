"""Record ACD/IVR events from a JSON Lines file; rerunning it changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.telephony.call_event_replay import call_events_replay


class Command(BaseCommand):
    help = "Record ACD/IVR events from a JSON Lines file (one event object per line)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the .jsonl file: {callid, kind, at, data} per line")
        parser.add_argument(
            "--window-hours",
            type=int,
            default=None,
            help="how far back events may be dated (default: PACTE_BACKDATE_WINDOW_HOURS); "
            "events older than the clock-skew tolerance are marked late-recorded",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            stream = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandError(f"cannot read events file {path}: {error.strerror}") from error
        with stream:
            hours = options["window_hours"]
            if hours is not None and hours < 0:
                raise CommandError("--window-hours must be 0 or more")
            window = timedelta(hours=hours) if hours is not None else None
            report = call_events_replay(lines=stream, window=window)
        self.stdout.write(report.summary())
        for line_number, reason in report.refused_lines:
            self.stdout.write(f"  line {line_number}: {reason}")
        if report.refused > len(report.refused_lines):
            self.stdout.write(f"  ... and {report.refused - len(report.refused_lines)} more")
