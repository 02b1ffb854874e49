"""Check the seals of closed months: each seal against its stored snapshot, and the chain."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pacte.compliance.models import ClosedVerdict, MonthClosing
from pacte.compliance.sealing import VERDICT_FIELDS, seal_of

CHUNK = 2000


class SealProblem(StrEnum):
    SEAL_MISMATCH = "seal mismatch"
    CHAIN_BROKEN = "chain broken — previous seal differs"


@dataclass(frozen=True, slots=True)
class SealCheck:
    """The verdict on one closing: ok when ``problems`` is empty."""

    closing: MonthClosing
    recomputed: str
    problems: tuple[SealProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def closing_recompute_seal(*, closing: MonthClosing) -> str:
    """The seal of the closing recomputed from its stored snapshot and stored previous seal.

    Streams the frozen verdicts in sealed order (by position), one query per chunk.
    """
    rows = (
        ClosedVerdict.objects.filter(closing=closing)
        .order_by("position")
        .values_list(*VERDICT_FIELDS)
        .iterator(chunk_size=CHUNK)
    )
    return seal_of(
        scheme_code=closing.scheme_version.scheme.code,
        version_number=closing.scheme_version.number,
        label=closing.label,
        results=closing.results,
        verdicts=rows,
        previous_seal=closing.previous_seal,
    )


def seals_verify(*, scheme_code: str | None = None) -> list[SealCheck]:
    """Check every closing (closed or reopened) of one scheme, or of all, oldest month first.

    A closing is broken by a **seal mismatch** when its stored seal differs from the
    seal recomputed from its stored snapshot, and by a **broken chain** when its
    ``previous_seal`` differs from the seal recomputed for the closing it links to (or
    is not empty when it links to none). Reads only.
    """
    closings = MonthClosing.objects.select_related("scheme_version__scheme", "previous")
    if scheme_code is not None:
        closings = closings.filter(scheme__code=scheme_code)
    ordered = list(closings.order_by("scheme__code", "year", "month", "closed_at", "pk"))
    recomputed: dict[int, str] = {}
    checks = []
    for closing in ordered:
        seal = recomputed.get(closing.pk) or closing_recompute_seal(closing=closing)
        recomputed[closing.pk] = seal
        problems = []
        if seal != closing.seal:
            problems.append(SealProblem.SEAL_MISMATCH)
        if closing.previous is None:
            expected_previous = ""
        else:
            if closing.previous.pk not in recomputed:
                recomputed[closing.previous.pk] = closing_recompute_seal(closing=closing.previous)
            expected_previous = recomputed[closing.previous.pk]
        if closing.previous_seal != expected_previous:
            problems.append(SealProblem.CHAIN_BROKEN)
        checks.append(SealCheck(closing=closing, recomputed=seal, problems=tuple(problems)))
    return checks
