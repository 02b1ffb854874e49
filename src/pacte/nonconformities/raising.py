"""Raising a non-conformity: from a missed target (with the month's figures) or from an
audit finding. Each service is keyword-only, atomic and records one ``raised`` event;
``nonconformity_raise`` picks the one a source calls for (the screens' and the API's way
in)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction

from pacte.commitments.models import Commitment, Indicator, Scheme, SchemeVersion
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.nonconformities.errors import NonConformityConflictError, NonConformityError
from pacte.nonconformities.figures import (
    Figures,
    indicator_figures,
    local_today,
    month_over,
    month_started,
)
from pacte.nonconformities.models import (
    EventKind,
    NonConformity,
    NonConformityEvent,
    ReferenceCounter,
    Source,
)
from pacte.nonconformities.selectors import active_scheme_version


def _next_reference(*, now: datetime) -> str:
    """NC-YYYY-NNNN, numbered per year of raising (Paris); the counter row is locked."""
    year = local_today(now).year
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"NC-{year}-{counter.last:04d}"


def _record_raised(nonconformity: NonConformity, *, actor: User, now: datetime) -> None:
    NonConformityEvent.objects.create(
        nonconformity=nonconformity,
        kind=EventKind.RAISED,
        at=now,
        actor=actor,
        note=nonconformity.description,
        details={
            "source": nonconformity.source,
            "month": nonconformity.label,
            "indicator": nonconformity.indicator_code,
            "rate": None if nonconformity.rate is None else str(nonconformity.rate),
        },
    )


def _indicator(*, scheme_version: SchemeVersion, code: str) -> Indicator:
    found = (
        Indicator.objects.select_related("commitment")
        .filter(commitment__version=scheme_version, commitment__active=True, code=code)
        .first()
    )
    if found is None:
        raise PacteError(
            NonConformityError.UNKNOWN_INDICATOR,
            f"No indicator {code!r} in {scheme_version}.",
        )
    return found


def _missed_title(figures: Figures, label: str) -> str:
    sign = "≤" if figures.target_is_maximum else "≥"
    rate = "—" if figures.rate is None else f"{figures.rate} %"
    return f"{figures.indicator_code} {label}: {rate} ({sign} {figures.target} %)"


def _check_missed(figures: Figures, *, code: str, label: str) -> None:
    if figures.no_data or figures.met is None:
        raise PacteError(
            NonConformityError.NO_DATA,
            f"{code} has no data for {label}; there is no target to miss.",
        )
    if figures.met:
        raise PacteError(NonConformityError.TARGET_MET, f"{code} met its target in {label}.")


@transaction.atomic
def nonconformity_raise_missed_target(
    *,
    scheme_version: SchemeVersion,
    indicator_code: str,
    year: int,
    month: int,
    actor: User,
    now: datetime,
    description: str = "",
) -> NonConformity:
    """Raise a non-conformity for an indicator that missed its target in a past month.

    Quality manager only. Refused when the month has not ended (Paris time), when the
    indicator has no data or an empty population, when it met its target, and when a
    missed-target non-conformity already exists for the scheme, indicator and month
    (``already_raised``, 409). The figures come from the month's closing snapshot if
    the month is closed, else from the verdicts as of ``now``. Locks the scheme row.
    Records a ``raised`` event.
    """
    if not may(actor, Action.NONCONFORMITY_RAISE):
        raise ForbiddenError(
            NonConformityError.NOT_QUALITY_MANAGER,
            "Only a quality manager raises a non-conformity for a missed target.",
        )
    label = f"{year:04d}-{month:02d}"
    if not month_over(year=year, month=month, now=now):
        raise PacteError(NonConformityError.MONTH_NOT_ENDED, f"{label} has not ended yet.")
    Scheme.objects.select_for_update().get(pk=scheme_version.scheme_id)
    indicator = _indicator(scheme_version=scheme_version, code=indicator_code)
    existing = NonConformity.objects.filter(
        scheme_id=scheme_version.scheme_id,
        indicator_code=indicator.code,
        year=year,
        month=month,
        source=Source.MISSED_TARGET,
    ).first()
    if existing is not None:
        raise NonConformityConflictError(
            NonConformityError.ALREADY_RAISED,
            f"{existing.reference} already covers {indicator.code} for {label}.",
            reference=existing.reference,
        )
    figures = indicator_figures(
        scheme_version=scheme_version, indicator=indicator, year=year, month=month, now=now
    )
    _check_missed(figures, code=indicator.code, label=label)
    nonconformity = NonConformity.objects.create(
        reference=_next_reference(now=now),
        scheme_id=scheme_version.scheme_id,
        scheme_version=scheme_version,
        commitment_code=indicator.commitment.code,
        indicator_code=indicator.code,
        year=year,
        month=month,
        source=Source.MISSED_TARGET,
        title=_missed_title(figures, label),
        description=description.strip(),
        rate=figures.rate,
        target=Decimal(figures.target),
        target_is_maximum=figures.target_is_maximum,
        numerator=figures.numerator,
        denominator=figures.denominator,
        figures_source=figures.source,
        raised_by=actor,
        raised_at=now,
    )
    _record_raised(nonconformity, actor=actor, now=now)
    return nonconformity


def _commitment(*, scheme_version: SchemeVersion, code: str) -> Commitment:
    found = Commitment.objects.filter(version=scheme_version, code=code).first()
    if found is None:
        raise PacteError(
            NonConformityError.UNKNOWN_COMMITMENT, f"No commitment {code!r} in {scheme_version}."
        )
    return found


@transaction.atomic
def nonconformity_raise_audit_finding(
    *,
    scheme_version: SchemeVersion,
    commitment_code: str,
    year: int,
    month: int,
    title: str,
    description: str,
    actor: User,
    now: datetime,
    indicator_code: str = "",
) -> NonConformity:
    """Raise a non-conformity for an audit finding against a commitment (and optionally
    one of its indicators) in a month that has started.

    Auditor or quality manager. Title and description are required. Records a
    ``raised`` event.
    """
    if not may(actor, Action.NONCONFORMITY_RAISE_AUDIT):
        raise ForbiddenError(
            NonConformityError.NOT_ALLOWED,
            "Only an auditor or a quality manager raises an audit finding.",
        )
    label = f"{year:04d}-{month:02d}"
    if not month_started(year=year, month=month, now=now):
        raise PacteError(NonConformityError.MONTH_NOT_STARTED, f"{label} has not started yet.")
    if not title.strip() or not description.strip():
        raise PacteError(
            NonConformityError.TEXT_REQUIRED, "An audit finding needs a title and a description."
        )
    commitment = _commitment(scheme_version=scheme_version, code=commitment_code)
    if indicator_code and not commitment.indicators.filter(code=indicator_code).exists():
        raise PacteError(
            NonConformityError.UNKNOWN_INDICATOR,
            f"No indicator {indicator_code!r} under {commitment.code}.",
        )
    nonconformity = NonConformity.objects.create(
        reference=_next_reference(now=now),
        scheme_id=scheme_version.scheme_id,
        scheme_version=scheme_version,
        commitment_code=commitment.code,
        indicator_code=indicator_code,
        year=year,
        month=month,
        source=Source.AUDIT_FINDING,
        title=title.strip(),
        description=description.strip(),
        raised_by=actor,
        raised_at=now,
    )
    _record_raised(nonconformity, actor=actor, now=now)
    return nonconformity


def nonconformity_raise(
    *,
    scheme_code: str,
    source: Source,
    year: int,
    month: int,
    actor: User,
    now: datetime,
    description: str = "",
    indicator_code: str = "",
    commitment_code: str = "",
    title: str = "",
) -> NonConformity:
    """Raise a non-conformity of the scheme's active version from ``source``: a missed
    target (``indicator_code``; ``nonconformity_raise_missed_target``) or an audit finding
    (``commitment_code``, ``title``, optionally ``indicator_code``;
    ``nonconformity_raise_audit_finding``), with their checks, lock and ``raised`` event.
    PacteError(unknown_scheme) when the scheme has no active version.
    """
    scheme_version = active_scheme_version(code=scheme_code)
    if source == Source.MISSED_TARGET:
        return nonconformity_raise_missed_target(
            scheme_version=scheme_version,
            indicator_code=indicator_code,
            year=year,
            month=month,
            actor=actor,
            now=now,
            description=description,
        )
    return nonconformity_raise_audit_finding(
        scheme_version=scheme_version,
        commitment_code=commitment_code,
        year=year,
        month=month,
        title=title,
        description=description,
        actor=actor,
        now=now,
        indicator_code=indicator_code,
    )
