"""Check closed months: the seal, the frozen verdicts, the trail under them, the chain.

Two depths (docs/trail.md, "What the seal covers"):

- ``seal_holds``: the stored figures, digests and previous seal still give the stored
  seal — a SHA-256 of a small document, cheap enough for every page that shows them;
- ``closing_verify``: everything, from the rows: the verdicts and trail heads against
  their digests, every chain under the month row by row, the clocks against their
  trail, and the link to the previous closing. ``seals_verify`` runs it over closings
  and can record each outcome (``SealVerification``): the public page and the API show
  a closed month's figures only while its latest full check holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pacte.cases.recompute import clocks_drift
from pacte.compliance.models import (
    ClosedTrailHead,
    ClosedVerdict,
    MonthClosing,
    SealVerification,
)
from pacte.compliance.sealing import (
    SEAL_FORMAT,
    VERDICT_FIELDS,
    LinesDigest,
    closing_seal,
    lines_digest,
    seal_of,
)
from pacte.compliance.trail import trail_verify
from pacte.core import clock

CHUNK = 2000
CLOCK_KIND = "clock"


class SealProblem(StrEnum):
    SEAL_MISMATCH = "seal mismatch"
    CHAIN_BROKEN = "chain broken — previous seal differs"
    VERDICTS_CHANGED = "frozen verdicts differ from their sealed digest"
    TRAIL_CHANGED = "sealed trail heads differ from their digest"
    TRAIL_BROKEN = "trail broken"
    CLOCK_DRIFT = "a clock differs from its trail"


@dataclass(frozen=True, slots=True)
class SealCheck:
    """The verdict on one closing: ok when ``problems`` is empty; ``details`` name the
    first broken rows."""

    closing: MonthClosing
    recomputed: str
    problems: tuple[SealProblem, ...]
    details: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def _verdict_rows(closing: MonthClosing) -> Any:
    return (
        ClosedVerdict.objects.filter(closing=closing)
        .order_by("position")
        .values_list(*VERDICT_FIELDS)
        .iterator(chunk_size=CHUNK)
    )


def _trail_rows(closing: MonthClosing) -> Any:
    return (
        ClosedTrailHead.objects.filter(closing=closing)
        .order_by("position")
        .values_list("chain", "key", "seq", "row_hash")
        .iterator(chunk_size=CHUNK)
    )


def _stored_digest(count: int, sha256: str) -> LinesDigest:
    return LinesDigest(count=count, sha256=sha256)


def seal_holds(closing: MonthClosing) -> bool | None:
    """Whether the stored figures, digests and previous seal give the stored seal (format
    2; None for format 1, which only a full check can tell). Reads nothing more."""
    if closing.seal_format < SEAL_FORMAT:
        return None
    verdicts = _stored_digest(closing.verdicts_count, closing.verdicts_sha256)
    trail = _stored_digest(closing.trail_count, closing.trail_sha256)
    return closing_seal(closing, verdicts=verdicts, trail=trail) == closing.seal


def closing_recompute_seal(*, closing: MonthClosing) -> str:
    """The seal recomputed from the closing's stored snapshot, rows and previous seal."""
    if closing.seal_format < SEAL_FORMAT:
        return seal_of(
            scheme_code=closing.scheme_version.scheme.code,
            version_number=closing.scheme_version.number,
            label=closing.label,
            results=closing.results,
            verdicts=_verdict_rows(closing),
            previous_seal=closing.previous_seal,
        )
    verdicts = lines_digest(_verdict_rows(closing))
    trail = lines_digest(_trail_rows(closing))
    return closing_seal(closing, verdicts=verdicts, trail=trail)


def _clock_problems(closing: MonthClosing) -> list[str]:
    """The first clocks under the month whose row differs from what its events derive."""
    case_ids = sorted(
        {
            case_id
            for case_id in ClosedVerdict.objects.filter(closing=closing, item_kind=CLOCK_KIND)
            .values_list("case_id", flat=True)
            .iterator(chunk_size=CHUNK)
            if case_id is not None
        }
    )
    now = clock.now()
    for start in range(0, len(case_ids), CHUNK):
        drift = clocks_drift(case_ids[start : start + CHUNK], now=now)
        if drift:
            case_id, commitment_id = drift[0]
            return [f"case {case_id}, commitment {commitment_id}: the stored clock is not derived"]
    return []


def _format2_problems(closing: MonthClosing) -> tuple[list[SealProblem], list[str], str]:
    problems: list[SealProblem] = []
    details: list[str] = []
    verdicts = lines_digest(_verdict_rows(closing))
    trail = lines_digest(_trail_rows(closing))
    recomputed = closing_seal(closing, verdicts=verdicts, trail=trail)
    if recomputed != closing.seal:
        problems.append(SealProblem.SEAL_MISMATCH)
    if verdicts != _stored_digest(closing.verdicts_count, closing.verdicts_sha256):
        problems.append(SealProblem.VERDICTS_CHANGED)
    if trail != _stored_digest(closing.trail_count, closing.trail_sha256):
        problems.append(SealProblem.TRAIL_CHANGED)
    broken = trail_verify(closing=closing)
    if broken:
        problems.append(SealProblem.TRAIL_BROKEN)
        details.append(str(broken[0]))
    drift = _clock_problems(closing)
    if drift:
        problems.append(SealProblem.CLOCK_DRIFT)
        details += drift
    return problems, details, recomputed


def closing_verify(*, closing: MonthClosing, expected_previous: str) -> SealCheck:
    """Check one closing in full (see the module docstring); reads only."""
    details: list[str] = []
    if closing.seal_format < SEAL_FORMAT:
        recomputed = closing_recompute_seal(closing=closing)
        problems = [] if recomputed == closing.seal else [SealProblem.SEAL_MISMATCH]
    else:
        problems, details, recomputed = _format2_problems(closing)
    if closing.previous_seal != expected_previous:
        problems.append(SealProblem.CHAIN_BROKEN)
    return SealCheck(
        closing=closing, recomputed=recomputed, problems=tuple(problems), details=tuple(details)
    )


def seals_verify(
    *, scheme_code: str | None = None, record: bool = False, closing_id: int | None = None
) -> list[SealCheck]:
    """Check every closing (closed or reopened) of one scheme, or of all, oldest month
    first — or the one ``closing_id`` names. A closing is broken by any problem of
    ``closing_verify``; a broken chain when its ``previous_seal`` differs from the seal
    recomputed for the closing it links to (or is not empty when it links to none).
    With ``record``, writes one SealVerification per closing checked."""
    closings = MonthClosing.objects.select_related("scheme_version__scheme", "previous")
    if scheme_code is not None:
        closings = closings.filter(scheme__code=scheme_code)
    if closing_id is not None:
        closings = closings.filter(pk=closing_id)
    ordered = list(closings.order_by("scheme__code", "year", "month", "closed_at", "pk"))
    recomputed: dict[int, str] = {}
    checks = []
    for closing in ordered:
        previous = closing.previous
        expected = ""
        if previous is not None:
            if previous.pk not in recomputed:
                recomputed[previous.pk] = closing_recompute_seal(closing=previous)
            expected = recomputed[previous.pk]
        check = closing_verify(closing=closing, expected_previous=expected)
        recomputed[closing.pk] = check.recomputed
        checks.append(check)
        if record:
            verification_record(check)
    return checks


def verification_record(check: SealCheck) -> SealVerification:
    """Keep the outcome of a full check (what the publication reads)."""
    return SealVerification.objects.create(
        closing=check.closing,
        checked_at=clock.now(),
        ok=check.ok,
        problems=[
            *({"problem": problem.value} for problem in check.problems),
            *({"detail": detail} for detail in check.details),
        ],
    )
