"""Files left without a row: an attachment written just before its transaction rolled back.

The bytes of an attachment reach the storage before its row commits, so a filing refused
after the file was written (or a process killed in between) leaves a file no row names.
:func:`orphan_files_sweep` removes those files once they are old enough that no filing
can still be in progress; a file a row names is never touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.storage import default_storage

from pacte.intake.models import Attachment

ROOT = "attachments"
CHUNK = 1000
DEFAULT_AGE = timedelta(hours=24)


@dataclass
class SweepReport:
    """What a sweep saw and did."""

    files: int = 0
    kept: int = 0
    too_recent: int = 0
    removed: list[str] = field(default_factory=list)


def _files(folder: str) -> Iterator[str]:
    """Every file under ``folder`` of the default storage, as storage names."""
    if not default_storage.exists(folder):
        return
    folders, files = default_storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}"
    for sub in sorted(folders):
        yield from _files(f"{folder}/{sub}")


def _chunks(names: Iterator[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    for name in names:
        chunk.append(name)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def orphan_files_sweep(
    *, now: datetime, older_than: timedelta = DEFAULT_AGE, dry_run: bool = False
) -> SweepReport:
    """Remove the attachment files no row names and last written before ``now -
    older_than`` (``dry_run``: only report them). One query per 1,000 files."""
    report = SweepReport()
    cutoff = now - older_than
    for names in _chunks(_files(ROOT)):
        named = set(Attachment.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names:
            report.files += 1
            if name in named:
                report.kept += 1
            elif default_storage.get_modified_time(name) > cutoff:
                report.too_recent += 1
            else:
                report.removed.append(name)
                if not dry_run:
                    default_storage.delete(name)
    return report
