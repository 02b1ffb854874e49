"""Replay ACD/IVR events from a JSON Lines file: one event object per line.

Each readable line is recorded by :func:`~pacte.telephony.call_events.call_event_record`
in its own transaction, so a bad line does not undo the others and a rerun of the
same file only reports duplicates. A line that is not JSON, or an event the service
refuses, is reported with its line number and reason; nothing is silently dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from pacte.telephony.call_event_input import CallEventError
from pacte.telephony.call_events import RecordStatus, call_event_record

MAX_REPORTED = 20


@dataclass
class ReplayReport:
    """Counts per outcome and the first ``MAX_REPORTED`` refused lines with their reason."""

    counts: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    refused_lines: list[tuple[int, str]] = field(default_factory=list)

    def refuse(self, line_number: int, reason: str) -> None:
        self.refused += 1
        if len(self.refused_lines) < MAX_REPORTED:
            self.refused_lines.append((line_number, reason))

    def summary(self) -> str:
        parts = [f"{self.counts.get(status, 0)} {status}" for status in RecordStatus]
        return ", ".join([*parts, f"{self.refused} refused"])


def call_events_replay(*, lines: Iterable[str], window: timedelta | None = None) -> ReplayReport:
    """Record every event of ``lines`` (JSON objects); blank lines are skipped.

    Pacte's own catch-up (no user): events may be dated back as far as ``window``
    (default: the installation's) and are then marked late-recorded."""
    report = ReplayReport()
    for line_number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            item = json.loads(text)
        except ValueError as error:
            report.refuse(line_number, f"not JSON: {error}")
            continue
        if not isinstance(item, dict):
            report.refuse(line_number, "not a JSON object")
            continue
        try:
            recorded = call_event_record(
                callid=item.get("callid"),
                kind=item.get("kind"),
                at=item.get("at"),
                data=item.get("data"),
                window=window,
            )
        except CallEventError as error:
            report.refuse(line_number, error.message)
            continue
        report.counts[recorded.status] = report.counts.get(recorded.status, 0) + 1
    return report
