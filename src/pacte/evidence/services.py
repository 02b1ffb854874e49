"""Requesting evidence packs.

``evidence_pack_request`` (screens and API) and ``evidence_pack_prepare`` (the command)
create a queued pack and record a ``requested`` event; the first enqueues the build on
commit. ``pack_build`` (in ``evidence.building``: the background task, or the command
directly) builds both files.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import translation

from pacte.commitments.models import SchemeVersion
from pacte.commitments.selectors import active_version_by_code
from pacte.compliance.periods import month_bounds
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.evidence.building import pack_build as pack_build  # the public write, kept here too
from pacte.evidence.building import pack_event_record
from pacte.evidence.errors import EvidenceError
from pacte.evidence.models import MAX_SAMPLE_SIZE, MAX_SEED, EvidenceEventKind, EvidencePack
from pacte.evidence.sampling import seed_draw, valid_seed
from pacte.evidence.selectors import active_closing, require_evidence_user
from pacte.evidence.tasks import evidence_pack_build_task


def active_version(scheme_code: str) -> SchemeVersion:
    """The active version of the scheme ``scheme_code``; PacteError(unknown_scheme) if none."""
    version = active_version_by_code(code=scheme_code)
    if version is None:
        raise PacteError(
            EvidenceError.UNKNOWN_SCHEME,
            f"No scheme “{scheme_code}” with an active version.",
            scheme=scheme_code,
        )
    return version


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
            EvidenceError.BAD_SIZE,
            f"The sample size must be between 1 and {MAX_SAMPLE_SIZE}.",
            max=MAX_SAMPLE_SIZE,
        )
    if seed is not None and not valid_seed(seed):
        raise PacteError(
            EvidenceError.BAD_SEED,
            f"The seed must be a whole number from 0 to {MAX_SEED}.",
            max=MAX_SEED,
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
    pack_event_record(
        pack, kind=EvidenceEventKind.REQUESTED, at=now, actor=requested_by, details=details
    )
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
