"""Import Asterisk ``queue_log`` files into :class:`QueueLogLine` rows, idempotently.

Resume rule: a source remembers the byte offset just past the last line it stored and
the key of the file's first line. When the stream starts with the same first line and
is at least that long, only what follows the offset is read; otherwise (a rotated or
different file under the same name) the stream is read from the start. Either way every
line is stored under ``unique(source, key)``, so nothing is stored twice.

Lines are stored in batches; each batch and the source's new offset are written in one
transaction, so the offset never runs ahead of what is stored. A run killed mid-way and
rerun loses nothing and stores nothing twice. An unterminated last line (Asterisk may
still be writing it) is held back until it is complete.

Each batch also derives the calls and queue visits of the callids it stored
(:mod:`pacte.telephony.derive`), in the same transaction: an interrupted import rerun
ends in the same calls, and a re-import that stores nothing changes nothing.

An import of history follows the backdating policy (docs/trail.md): a line dated
further back than the window (the installation's, or the one the operator gives for
this run) is kept as a rejected line with that reason — a later run with a wider
window stores it — and a stored line older than the clock-skew tolerance is marked
late-recorded.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import BinaryIO

from django.db import transaction

from pacte.core.instants import backdate_window, clock_skew
from pacte.telephony.derive import DeriveReport, calls_derive
from pacte.telephony.models import (
    FIELD_LENGTH,
    QueueLogLine,
    QueueLogRejectedLine,
    QueueLogSource,
)
from pacte.telephony.queue_log import (
    EventData,
    ParsedEvent,
    StreamItem,
    Unreadable,
    line_key,
    parse_stream,
)
from pacte.telephony.wallboard_agents import agents_logged_in_update

BATCH_SIZE = 5000
REPORTED_REJECTIONS = 20
JsonValue = str | int | list[str] | None


@dataclass
class ImportReport:
    source: str
    resumed: bool
    start_offset: int
    end_offset: int = 0
    imported: int = 0
    already_present: int = 0
    rejected: int = 0
    rejected_lines: list[tuple[int, str]] = field(default_factory=list)
    calls: DeriveReport = field(default_factory=DeriveReport)
    agents: dict[str, int] | None = None  # set when the log is live-ish

    def summary(self) -> str:
        start = f"resumed at byte {self.start_offset}" if self.resumed else "read from the start"
        calls = self.calls
        text = (
            f"{self.source}: {self.imported} imported, {self.already_present} already present, "
            f"{self.rejected} rejected ({start}, now at byte {self.end_offset}); "
            f"calls: {calls.calls_created} created, {calls.calls_updated} updated, "
            f"{calls.calls_left_to_api} left to the API, {calls.partial_visits} partial visits"
        )
        if self.agents is not None:
            counts = ", ".join(f"{name} {count}" for name, count in sorted(self.agents.items()))
            text += f"; agents logged in: {counts or 'none'}"
        if calls.unknown_motives:
            text += f"; unknown motive codes: {', '.join(calls.unknown_motives[:20])}"
        return text


OUTSIDE_WINDOW = "outside the window for past events"


@dataclass(frozen=True, slots=True)
class Bounds:
    """The instants a run accepts (``oldest``) and marks late-recorded (before ``late``)."""

    oldest: datetime
    late: datetime


def queue_log_import(
    *,
    source_name: str,
    stream: BinaryIO,
    now: datetime,
    batch_size: int = BATCH_SIZE,
    window: timedelta | None = None,
) -> ImportReport:
    """Store the complete lines of ``stream`` (binary, seekable) not yet stored for the source.

    Each batch's new lines, the calls and visits derived from them
    (:func:`~pacte.telephony.derive.calls_derive`) and the source's new offset are
    written in one transaction. When the log is live-ish, the queues' agents logged in
    are then updated (:mod:`pacte.telephony.wallboard_agents`). Lines older than
    ``window`` (default: the installation's) are rejected with their reason.
    """
    bounds = Bounds(oldest=now - (window or backdate_window()), late=now - clock_skew())
    source, _created = QueueLogSource.objects.get_or_create(
        name=source_name, defaults={"updated_at": now}
    )
    stream.seek(0)
    first = stream.readline()
    first_key = line_key(first) if first.endswith(b"\n") else ""
    size = stream.seek(0, io.SEEK_END)
    resumed = bool(first_key) and first_key == source.first_line_key and size >= source.last_offset
    if window is not None and _refused_as_old(source):
        resumed = False  # the operator's wider window: look again at the lines refused as old
    start_offset = source.last_offset if resumed else 0
    start_line = source.last_line_number + 1 if resumed else 1
    report = ImportReport(source=source_name, resumed=resumed, start_offset=start_offset)
    report.end_offset = start_offset
    stream.seek(start_offset)
    batch: list[StreamItem] = []
    for item in parse_stream(stream, start_offset=start_offset, start_line=start_line):
        batch.append(item)
        if len(batch) >= batch_size:
            _store_batch(
                source=source,
                items=batch,
                first_key=first_key,
                bounds=bounds,
                now=now,
                report=report,
            )
            batch = []
    if batch:
        _store_batch(
            source=source, items=batch, first_key=first_key, bounds=bounds, now=now, report=report
        )
    if report.imported:
        report.agents = agents_logged_in_update(source=source, now=now)
    return report


def _refused_as_old(source: QueueLogSource) -> bool:
    return QueueLogRejectedLine.objects.filter(
        source=source, reason__startswith=OUTSIDE_WINDOW
    ).exists()


def _store_batch(
    *,
    source: QueueLogSource,
    items: Sequence[StreamItem],
    first_key: str,
    bounds: Bounds,
    now: datetime,
    report: ImportReport,
) -> None:
    """Insert one batch and advance the source's offset in the same transaction."""
    lines: dict[str, QueueLogLine] = {}
    rejected: dict[str, QueueLogRejectedLine] = {}
    for item in items:
        if item.key in lines or item.key in rejected:
            continue
        record = _checked(item.record, bounds)
        if isinstance(record, ParsedEvent):
            lines[item.key] = _line_row(source, item.key, record)
            lines[item.key].late_recorded = record.at < bounds.late
        else:
            rejected[item.key] = QueueLogRejectedLine(
                source=source,
                key=item.key,
                line_number=record.line_number,
                end_offset=item.end_offset,
                raw=_storable(record.text),
                reason=record.reason[:300],
            )
    last = items[-1]
    with transaction.atomic():
        # One writer per source at a time: its lines are one hash chain.
        QueueLogSource.objects.select_for_update().filter(pk=source.pk).first()
        # Lines an earlier run refused as too old, that this run's window accepts.
        QueueLogRejectedLine.objects.filter(
            source=source, key__in=list(lines), reason__startswith=OUTSIDE_WINDOW
        ).delete()
        present = set(
            QueueLogLine.objects.filter(source=source, key__in=list(lines)).values_list(
                "key", flat=True
            )
        ) | set(
            QueueLogRejectedLine.objects.filter(source=source, key__in=list(rejected)).values_list(
                "key", flat=True
            )
        )
        new_lines = [row for key, row in lines.items() if key not in present]
        new_rejected = [row for key, row in rejected.items() if key not in present]
        QueueLogLine.objects.bulk_create(new_lines)
        QueueLogRejectedLine.objects.bulk_create(new_rejected, ignore_conflicts=True)
        report.calls.add(calls_derive(callids={row.callid for row in new_lines}))
        QueueLogSource.objects.filter(pk=source.pk).update(
            last_offset=last.end_offset,
            last_line_number=last.record.line_number,
            first_line_key=first_key,
            updated_at=now,
        )
    source.last_offset = last.end_offset
    source.last_line_number = last.record.line_number
    source.first_line_key = first_key
    source.updated_at = now
    report.end_offset = last.end_offset
    report.imported += len(new_lines)
    report.rejected += len(new_rejected)
    report.already_present += len(items) - len(new_lines) - len(new_rejected)
    room = REPORTED_REJECTIONS - len(report.rejected_lines)
    report.rejected_lines.extend((row.line_number, row.reason) for row in new_rejected[:room])


def _checked(record: ParsedEvent | Unreadable, bounds: Bounds) -> ParsedEvent | Unreadable:
    """Refuse what the database cannot store faithfully (NUL characters, long fields),
    and what is dated further back than the run's window."""
    if isinstance(record, Unreadable):
        return record
    if record.at < bounds.oldest:
        reason = f"{OUTSIDE_WINDOW} (before {bounds.oldest.isoformat()}): rerun with --window-hours"
        return Unreadable(record.line_number, record.text, reason)
    if "\x00" in record.text:
        return Unreadable(record.line_number, record.text, "contains a NUL character")
    for name in ("callid", "queue", "agent"):
        if len(getattr(record, name)) > FIELD_LENGTH:
            reason = f"{name} longer than {FIELD_LENGTH} characters"
            return Unreadable(record.line_number, record.text, reason)
    return record


def _storable(text: str) -> str:
    return text.replace("\x00", "\ufffd")


def _line_row(source: QueueLogSource, key: str, event: ParsedEvent) -> QueueLogLine:
    return QueueLogLine(
        source=source,
        key=key,
        line_number=event.line_number,
        at=event.at,
        callid=event.callid,
        queue=event.queue,
        agent=event.agent,
        event=event.kind.value,
        data=event_data_json(event.data),
        raw=event.text,
    )


def event_data_json(data: EventData) -> dict[str, JsonValue]:
    """The typed event fields as JSON-safe values (tuples become lists)."""
    values: dict[str, JsonValue] = {}
    for spec in fields(data):
        value = getattr(data, spec.name)
        values[spec.name] = list(value) if isinstance(value, tuple) else value
    return values
