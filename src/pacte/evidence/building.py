"""Building an evidence pack's files, in the background task or the command.

``pack_build`` builds both files, saving its progress as it goes, and records
``started`` then ``built`` or ``failed``: a failure is kept on the pack with its
reason, never lost. ``pack_event_record`` appends one event to a pack's trail (the
requesting services in ``evidence.services`` use it too).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.utils import translation

from pacte.core import clock
from pacte.core.models import User
from pacte.evidence.contents import PackContents, localized, samples, summary_rows, trends
from pacte.evidence.models import (
    BuildStep,
    EvidenceEvent,
    EvidenceEventKind,
    EvidencePack,
    PackStatus,
)
from pacte.evidence.pdf import pdf_bytes
from pacte.evidence.xlsx import workbook_bytes

logger = logging.getLogger(__name__)


def pack_event_record(
    pack: EvidencePack,
    *,
    kind: EvidenceEventKind,
    at: datetime,
    actor: User | None = None,
    details: dict[str, Any] | None = None,
) -> EvidenceEvent:
    """Append one event to the pack's trail."""
    return EvidenceEvent.objects.create(
        pack=pack, kind=kind, at=at, actor=actor, details=details or {}
    )


def _progress(pack: EvidencePack, *, step: BuildStep, progress: int) -> None:
    """Save the build's progress at once (outside any transaction: the screen reads it)."""
    pack.step, pack.progress = step, progress
    EvidencePack.objects.filter(pk=pack.pk).update(step=step, progress=progress)


def _start(pack: EvidencePack, *, now: datetime) -> bool:
    started = EvidencePack.objects.filter(pk=pack.pk, status=PackStatus.QUEUED).update(
        status=PackStatus.RUNNING, generated_at=now, progress=1
    )
    if started:
        pack.status, pack.generated_at = PackStatus.RUNNING, now
        pack_event_record(pack, kind=EvidenceEventKind.STARTED, at=now)
    return bool(started)


def _build_files(pack: EvidencePack, *, now: datetime) -> None:
    version = pack.scheme_version
    _progress(pack, step=BuildStep.RESULTS, progress=5)
    summary = summary_rows(pack, now=now)
    _progress(pack, step=BuildStep.TRENDS, progress=20)
    trend_list = trends(pack, now=now)
    _progress(pack, step=BuildStep.SAMPLE, progress=50)
    contents = PackContents(
        scheme_code=version.scheme.code,
        scheme_title=localized(version.scheme, "title"),
        version_number=version.number,
        label=pack.label,
        seed=pack.seed,
        sample_size=pack.sample_size,
        generated_at=now,
        closing=pack.closing,
        summary=summary,
        trends=trend_list,
        samples=samples(pack, now=now),
    )
    _progress(pack, step=BuildStep.XLSX, progress=65)
    pack.xlsx.save(pack.file_name("xlsx"), ContentFile(workbook_bytes(contents)), save=False)
    _progress(pack, step=BuildStep.PDF, progress=75)
    pack.pdf.save(pack.file_name("pdf"), ContentFile(pdf_bytes(contents)), save=False)
    EvidencePack.objects.filter(pk=pack.pk).update(xlsx=pack.xlsx.name, pdf=pack.pdf.name)


def pack_build(*, pack: EvidencePack) -> EvidencePack:
    """Build a queued pack's XLSX and PDF files, saving progress (0 to 100) and the step.

    Runs outside a transaction so that each progress update is seen at once. Does
    nothing to a pack that is no longer queued (another worker took it: a conditional
    UPDATE). Any error marks the pack ``failed`` with the reason and records a
    ``failed`` event; success marks it ``done`` and records ``built``.
    """
    now = clock.now()
    if not _start(pack, now=now):
        return pack
    try:
        with translation.override(pack.language):
            _build_files(pack, now=now)
    except Exception as error:
        logger.exception("Evidence pack %s failed", pack.pk)
        return _finish(pack, status=PackStatus.FAILED, error=f"{type(error).__name__}: {error}")
    return _finish(pack, status=PackStatus.DONE, error="")


def _finish(pack: EvidencePack, *, status: PackStatus, error: str) -> EvidencePack:
    finished_at = clock.now()
    done = status == PackStatus.DONE
    fields: dict[str, Any] = {"status": status, "error": error, "finished_at": finished_at}
    if done:
        fields |= {"progress": 100, "step": BuildStep.DONE}
    EvidencePack.objects.filter(pk=pack.pk).update(**fields)
    pack.refresh_from_db()
    kind = EvidenceEventKind.BUILT if done else EvidenceEventKind.FAILED
    details = {"xlsx": pack.xlsx.name, "pdf": pack.pdf.name} if done else {"error": error}
    pack_event_record(pack, kind=kind, at=finished_at, details=details)
    return pack
