"""Requesting and building evidence packs.

``evidence_pack_request`` (screens and API) and ``evidence_pack_prepare`` (the command)
create a queued pack and record a ``requested`` event; the first enqueues the build on
commit. ``pack_build`` (the background task, or the command directly) builds both files,
saving its progress as it goes, and records ``started`` then ``built`` or ``failed``: a
failure is kept on the pack with its reason, never lost.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.compliance.periods import month_bounds
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.evidence.contents import PackContents, localized, samples, summary_rows, trends
from pacte.evidence.errors import EvidenceError
from pacte.evidence.models import (
    MAX_SAMPLE_SIZE,
    MAX_SEED,
    BuildStep,
    EvidenceEvent,
    EvidenceEventKind,
    EvidencePack,
    PackStatus,
)
from pacte.evidence.pdf import pdf_bytes
from pacte.evidence.sampling import seed_draw, valid_seed
from pacte.evidence.selectors import active_closing, require_evidence_user
from pacte.evidence.xlsx import workbook_bytes

logger = logging.getLogger(__name__)


def active_version(scheme_code: str) -> SchemeVersion:
    """The active version of the scheme ``scheme_code``; PacteError(unknown_scheme) if none."""
    version = (
        SchemeVersion.objects.select_related("scheme")
        .filter(scheme__code=scheme_code, status=VersionStatus.ACTIVE)
        .first()
    )
    if version is None:
        raise PacteError(
            EvidenceError.UNKNOWN_SCHEME, f"No scheme “{scheme_code}” with an active version."
        )
    return version


def _record(
    pack: EvidencePack,
    *,
    kind: EvidenceEventKind,
    at: datetime,
    actor: User | None = None,
    details: dict[str, Any] | None = None,
) -> EvidenceEvent:
    return EvidenceEvent.objects.create(
        pack=pack, kind=kind, at=at, actor=actor, details=details or {}
    )


def _create(
    *,
    scheme_code: str,
    year: int,
    month: int,
    sample_size: int,
    seed: int | None,
    requested_by: User | None,
    now: datetime,
    language: str,
) -> EvidencePack:
    month_bounds(year=year, month=month, zone="UTC")
    if not 1 <= sample_size <= MAX_SAMPLE_SIZE:
        raise PacteError(
            EvidenceError.BAD_SIZE, f"The sample size must be between 1 and {MAX_SAMPLE_SIZE}."
        )
    if seed is not None and not valid_seed(seed):
        raise PacteError(
            EvidenceError.BAD_SEED, f"The seed must be a whole number from 0 to {MAX_SEED}."
        )
    version = active_version(scheme_code)
    pack = EvidencePack.objects.create(
        scheme_version=version,
        year=year,
        month=month,
        sample_size=sample_size,
        seed=seed_draw() if seed is None else seed,
        closing=active_closing(scheme_id=version.scheme_id, year=year, month=month),
        language=language,
        requested_by=requested_by,
        requested_at=now,
    )
    details = {"seed": pack.seed, "sample_size": sample_size, "seed_given": seed is not None}
    _record(pack, kind=EvidenceEventKind.REQUESTED, at=now, actor=requested_by, details=details)
    return pack


@transaction.atomic
def evidence_pack_request(
    *,
    scheme_code: str,
    year: int,
    month: int,
    sample_size: int,
    seed: int | None,
    requested_by: User,
) -> EvidencePack:
    """Queue an evidence pack of the scheme's active version for a calendar month.

    Preconditions: ``requested_by`` is an auditor, quality manager or administrator
    (NotFoundError otherwise: the feature does not exist for others); 1 ≤ sample_size ≤
    MAX_SAMPLE_SIZE; a given seed is 0 to MAX_SEED (None: drawn with ``secrets``). The pack
    remembers the month's active closing, if any, and the requester's language. Records
    a ``requested`` event; the build task is enqueued once the transaction commits.
    """
    from pacte.evidence.tasks import evidence_pack_build_task

    require_evidence_user(requested_by)
    pack = _create(
        scheme_code=scheme_code,
        year=year,
        month=month,
        sample_size=sample_size,
        seed=seed,
        requested_by=requested_by,
        now=clock.now(),
        language=translation.get_language() or "fr",
    )
    transaction.on_commit(lambda: evidence_pack_build_task.enqueue(pack.pk))
    return pack


@transaction.atomic
def evidence_pack_prepare(
    *, scheme_code: str, year: int, month: int, sample_size: int, seed: int | None, language: str
) -> EvidencePack:
    """Create a queued pack for ``manage.py evidence_pack`` (no requester, nothing
    enqueued: the command builds it at once). Same checks and event as a request."""
    return _create(
        scheme_code=scheme_code,
        year=year,
        month=month,
        sample_size=sample_size,
        seed=seed,
        requested_by=None,
        now=clock.now(),
        language=language,
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
        _record(pack, kind=EvidenceEventKind.STARTED, at=now)
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
    _record(pack, kind=kind, at=finished_at, details=details)
    return pack
