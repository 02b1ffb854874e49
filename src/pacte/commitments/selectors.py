"""Reads of commitment schemes: the active version, its rules, a commitment by code."""

from __future__ import annotations

import time

from django.db.models import QuerySet

from pacte.commitments.errors import CommitmentError
from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Indicator,
    Requirement,
    Scheme,
    SchemeVersion,
    VersionStatus,
)
from pacte.commitments.rules import RuleData
from pacte.core.errors import NotFoundError, PacteError

# How long a process keeps a version's rules. Saving or deleting a version, commitment
# or rule clears this process's cache at once (apps.py); other processes see the change
# within this many seconds.
RULES_CACHE_SECONDS = 60.0

_rules_cache: dict[int, tuple[float, tuple[RuleData, ...]]] = {}


def _ticks() -> float:
    return time.monotonic()


def rules_cache_clear(**_: object) -> None:
    """Forget every cached version's rules (also a signal receiver)."""
    _rules_cache.clear()


def active_version(*, scheme: Scheme) -> SchemeVersion:
    """The scheme's active version (one query).

    Raises PacteError(NO_ACTIVE_VERSION) if the scheme has none: a configuration error.
    """
    version = SchemeVersion.objects.filter(scheme=scheme, status=VersionStatus.ACTIVE).first()
    if version is None:
        raise PacteError(
            CommitmentError.NO_ACTIVE_VERSION, f"Scheme {scheme.code} has no active version."
        )
    version.scheme = scheme
    return version


def active_version_by_code(*, code: str) -> SchemeVersion | None:
    """The active version of the scheme ``code``, its scheme joined; None if the scheme is
    unknown or has no active version (each caller says so in its own terms). One query."""
    return (
        SchemeVersion.objects.select_related("scheme")
        .filter(scheme__code=code, status=VersionStatus.ACTIVE)
        .first()
    )


def schemes_with_active_version() -> QuerySet[Scheme]:
    """The schemes that have an active version, by code (the choices of a scheme picker)."""
    return Scheme.objects.filter(versions__status=VersionStatus.ACTIVE).order_by("code")


def indicators_by_code(*, version: SchemeVersion) -> dict[str, Indicator]:
    """Every indicator of ``version`` (active commitments or not), its commitment joined,
    by code. One query."""
    rows = Indicator.objects.filter(commitment__version=version).select_related("commitment")
    return {indicator.code: indicator for indicator in rows}


def rules_for_version(*, version: SchemeVersion) -> list[RuleData]:
    """The deadline rules of the version's active commitments, by commitment code.

    One query, then served from a per-process cache keyed by the version's primary key
    for up to RULES_CACHE_SECONDS. Returns a new list on every call.
    """
    now = _ticks()
    cached = _rules_cache.get(version.pk)
    if cached is not None and now - cached[0] < RULES_CACHE_SECONDS:
        return list(cached[1])
    rows = (
        DeadlineRule.objects.filter(commitment__version=version, commitment__active=True)
        .order_by("commitment__code", "channel", "kind")
        .values_list(
            "commitment_id",
            "commitment__code",
            "channel",
            "kind",
            "exclude_billing",
            "fraud_victim_only",
            "delay_value",
            "delay_unit",
        )
    )
    rules = tuple(RuleData(*row) for row in rows)
    _rules_cache[version.pk] = (now, rules)
    return list(rules)


def commitment_by_code(*, version: SchemeVersion, code: str) -> Commitment:
    """The version's commitment ``code``, active or not, with its domain (one query).

    Raises NotFoundError(COMMITMENT_NOT_FOUND) if the version has no such commitment.
    """
    commitment = (
        Commitment.objects.select_related("domain").filter(version=version, code=code).first()
    )
    if commitment is None:
        raise NotFoundError(
            CommitmentError.COMMITMENT_NOT_FOUND, f"No commitment {code} in {version}."
        )
    return commitment


def scheme_version_units(*, scheme_code: str, number: int) -> dict[str, str]:
    """The unit of each indicator of version ``number`` of scheme ``scheme_code``, by
    indicator code (one query)."""
    return dict(
        Indicator.objects.filter(
            commitment__version__scheme__code=scheme_code, commitment__version__number=number
        ).values_list("code", "unit")
    )


def indicator_units(*, version_id: int) -> dict[str, str]:
    """The unit of each indicator of a scheme version, by indicator code (one query)."""
    return dict(
        Indicator.objects.filter(commitment__version_id=version_id).values_list("code", "unit")
    )


def version_commitment(*, version: SchemeVersion, code: str) -> Commitment | None:
    """The version's commitment ``code`` (active or not); None if none. One query."""
    return Commitment.objects.filter(version=version, code=code).first()


def version_requirement(*, version: SchemeVersion, code: str) -> Requirement | None:
    """The requirement ``code`` of one of the version's commitments; None if none."""
    return Requirement.objects.filter(commitment__version=version, code=code).first()


def version_indicator(*, version: SchemeVersion, code: str) -> Indicator | None:
    """The indicator ``code`` of one of the version's commitments (active or not), its
    commitment, version and scheme joined; None if none. One query."""
    return (
        Indicator.objects.filter(commitment__version=version, code=code)
        .select_related("commitment__version__scheme")
        .first()
    )


def version_rule(*, version: SchemeVersion, pk: int) -> DeadlineRule | None:
    """The deadline rule ``pk`` of one of the version's commitments, its commitment joined;
    None if none."""
    return (
        DeadlineRule.objects.select_related("commitment")
        .filter(commitment__version=version, pk=pk)
        .first()
    )
