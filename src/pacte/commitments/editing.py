"""Edits to a scheme version by the quality manager, copy-on-write.

A version is changed in place only while it is a draft that no result used
(``catalogue.version_used``). Editing an active or retired version, or a draft that
results used, first copies it into a new draft (``scheme_version_draft``), applies the
change to the copy and returns the copy: what results were computed with never
changes. Every change records one ``SchemeEvent`` with the before and after of each
changed field; an edit that changes nothing writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from pacte.commitments.catalogue import require_editor, version_used
from pacte.commitments.errors import CommitmentError, SchemeValidationError
from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Indicator,
    Requirement,
    Scheme,
    SchemeEvent,
    SchemeEventKind,
    SchemeVersion,
    TargetUnit,
    VersionStatus,
)
from pacte.commitments.selectors import rules_cache_clear
from pacte.commitments.services import scheme_version_activate, scheme_version_draft
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.roles import STAFF_ROLES

COMMITMENT_EDITABLE = ("title_fr", "title_en", "owner_role", "control_frequency", "active")
REQUIREMENT_EDITABLE = ("text_fr", "text_en")
INDICATOR_EDITABLE = (
    "title_fr",
    "title_en",
    "population",
    "success_rule",
    "period",
    "target",
    "target_is_maximum",
    "unit",
)
RULE_EDITABLE = ("delay_value", "delay_unit")

# The range of a target, by unit (inclusive).
TARGET_RANGES = {
    TargetUnit.PERCENT: (Decimal(0), Decimal(100)),
    TargetUnit.COUNT: (Decimal(0), Decimal(9999)),
    TargetUnit.SCORE: (Decimal(0), Decimal(5)),
    TargetUnit.PER_THOUSAND: (Decimal(0), Decimal(1000)),
}

Row = TypeVar("Row", bound=models.Model)
Diff = dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class EditOutcome:
    """Where a change landed: ``version``, and ``copied_from`` when a new draft was made,
    with why (``reason``: ``used`` by results, ``active`` or ``retired``)."""

    version: SchemeVersion
    copied_from: SchemeVersion | None = None
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    reason: str = ""

    @property
    def copied(self) -> bool:
        return self.copied_from is not None


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _as_details(diff: Diff) -> dict[str, dict[str, Any]]:
    return {
        name: {"before": _plain(old), "after": _plain(new)} for name, (old, new) in diff.items()
    }


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return {name: [str(text) for text in texts] for name, texts in error.message_dict.items()}


def _validated_diff(row: Row, changes: Mapping[str, object], editable: tuple[str, ...]) -> Diff:
    """Apply ``changes`` to ``row`` in memory, validate them and return what differs.

    Raises PacteError(FIELD_NOT_EDITABLE) for a field outside ``editable`` and
    SchemeValidationError for bad values. The row is left unchanged.
    """
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        raise PacteError(
            CommitmentError.FIELD_NOT_EDITABLE,
            f"Not editable here: {', '.join(unknown)}.",
            fields=", ".join(unknown),
        )
    before = {name: getattr(row, name) for name in changes}
    for name, value in changes.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    try:
        excluded = [f.name for f in row._meta.fields if f.name not in changes]
        row.full_clean(exclude=excluded, validate_unique=False, validate_constraints=False)
        _check_row(row, changes)
        return {
            name: (before[name], getattr(row, name))
            for name in changes
            if getattr(row, name) != before[name]
        }
    except ValidationError as error:
        raise SchemeValidationError(_messages(error)) from None
    finally:
        for name, value in before.items():
            setattr(row, name, value)


def _check_row(row: models.Model, changes: Mapping[str, object]) -> None:
    if isinstance(row, Indicator) and {"target", "unit"} & set(changes):
        row.target = Decimal(row.target).quantize(Decimal("0.01"))
        low, high = TARGET_RANGES[TargetUnit(row.unit)]
        if not low <= row.target <= high:
            message = _("Must be between %(low)s and %(high)s for this unit.")
            raise ValidationError({"target": message % {"low": low, "high": high}})
        if row.unit == TargetUnit.COUNT and row.target != row.target.to_integral_value():
            raise ValidationError({"target": _("A count must be a whole number.")})
    if (
        isinstance(row, Commitment)
        and "owner_role" in changes
        and row.owner_role not in STAFF_ROLES
    ):
        raise ValidationError({"owner_role": _("The owner must be a staff role.")})


@dataclass(frozen=True)
class Landing:
    version: SchemeVersion
    copied_from: SchemeVersion | None = None
    reason: str = ""


def _landing(*, version: SchemeVersion, actor: User) -> Landing:
    """The version a change goes into: ``version`` itself if it is an unused draft, else a
    new draft copied from it (recorded, with why: ``used``, ``active`` or ``retired``).
    Locks the scheme row first."""
    Scheme.objects.select_for_update().get(pk=version.scheme_id)
    current = SchemeVersion.objects.select_related("scheme").get(pk=version.pk)
    used = version_used(version=current)
    if current.status == VersionStatus.DRAFT and not used:
        return Landing(current)
    draft = scheme_version_draft(version=current)
    reason = "used" if used else str(current.status)
    _record(
        version=draft,
        kind=SchemeEventKind.DRAFTED,
        subject=f"v{current.number}",
        actor=actor,
        details={"from_version": current.number, "reason": reason},
    )
    return Landing(draft, current, reason)


def _record(
    *, version: SchemeVersion, kind: SchemeEventKind, subject: str, actor: User, details: Any
) -> None:
    SchemeEvent.objects.create(
        version=version, kind=kind, subject=subject, actor=actor, at=clock.now(), details=details
    )


def _changed() -> None:
    rules_cache_clear()
    transaction.on_commit(rules_cache_clear)


def _outcome(landing: Landing, changes: dict[str, dict[str, Any]]) -> EditOutcome:
    return EditOutcome(
        version=landing.version,
        copied_from=landing.copied_from,
        changes=changes,
        reason=landing.reason,
    )


def _find(queryset: models.QuerySet[Row], what: str) -> Row:
    row = queryset.first()
    if row is None:
        raise NotFoundError(CommitmentError.ITEM_NOT_FOUND, f"No {what} in this version.")
    return row


def _edit(
    *,
    version: SchemeVersion,
    actor: User,
    lookup: Any,
    changes: Mapping[str, object],
    spec: tuple[str, tuple[str, ...], SchemeEventKind, str],
) -> EditOutcome:
    """Validate on ``version``'s row, then write to the version the change lands in."""
    what, editable, kind, subject = spec
    require_editor(user=actor)
    diff = _validated_diff(_find(lookup(version), what), changes, editable)
    if not diff:
        return EditOutcome(version=version)
    landing = _landing(version=version, actor=actor)
    row = _find(lookup(landing.version), what)
    for name, (_old, new) in diff.items():
        setattr(row, name, new)
    row.save(update_fields=list(diff))
    details = {"fields": _as_details(diff)}
    _record(version=landing.version, kind=kind, subject=subject, actor=actor, details=details)
    _changed()
    return _outcome(landing, details["fields"])


@transaction.atomic
def commitment_edit(
    *, version: SchemeVersion, code: str, actor: User, changes: Mapping[str, object]
) -> EditOutcome:
    """Change a commitment's titles, owner role, control frequency or ``active`` flag.

    Copy-on-write (module docstring); records COMMITMENT_CHANGED. Only the quality
    manager (ForbiddenError; NotFoundError for non-readers and unknown codes).
    """

    def lookup(target: SchemeVersion) -> models.QuerySet[Commitment]:
        return Commitment.objects.filter(version=target, code=code)

    spec = ("commitment", COMMITMENT_EDITABLE, SchemeEventKind.COMMITMENT_CHANGED, code)
    return _edit(version=version, actor=actor, lookup=lookup, changes=changes, spec=spec)


@transaction.atomic
def requirement_edit(
    *, version: SchemeVersion, code: str, actor: User, changes: Mapping[str, object]
) -> EditOutcome:
    """Change a requirement's French or English text (neither may be empty).

    Copy-on-write; records REQUIREMENT_CHANGED. Only the quality manager.
    """

    def lookup(target: SchemeVersion) -> models.QuerySet[Requirement]:
        return Requirement.objects.filter(commitment__version=target, code=code)

    spec = ("requirement", REQUIREMENT_EDITABLE, SchemeEventKind.REQUIREMENT_CHANGED, code)
    return _edit(version=version, actor=actor, lookup=lookup, changes=changes, spec=spec)


@transaction.atomic
def indicator_edit(
    *, version: SchemeVersion, code: str, actor: User, changes: Mapping[str, object]
) -> EditOutcome:
    """Change an indicator's titles, population, success rule, period, target or unit.

    The target must fit its unit (a percentage 0 to 100, a score 0 to 5, a rate per 1,000
    0 to 1,000, a whole count). The computation is not editable. Copy-on-write; records
    INDICATOR_CHANGED. Only the quality manager.
    """

    def lookup(target: SchemeVersion) -> models.QuerySet[Indicator]:
        return Indicator.objects.filter(commitment__version=target, code=code)

    spec = ("indicator", INDICATOR_EDITABLE, SchemeEventKind.INDICATOR_CHANGED, code)
    return _edit(version=version, actor=actor, lookup=lookup, changes=changes, spec=spec)


def rule_subject(*, commitment_code: str, channel: str, kind: str) -> str:
    """How events and messages name a deadline rule: ``T3.1 email/request``, ``*`` for any."""
    return f"{commitment_code} {channel or '*'}/{kind or '*'}"


@transaction.atomic
def deadline_rule_edit(
    *,
    version: SchemeVersion,
    commitment_code: str,
    channel: str,
    kind: str,
    actor: User,
    changes: Mapping[str, object],
) -> EditOutcome:
    """Change the delay (value and unit) of a commitment's rule for ``channel``/``kind``
    (empty: any). Copy-on-write; records DEADLINE_RULE_CHANGED. Only the quality manager.
    """

    def lookup(target: SchemeVersion) -> models.QuerySet[DeadlineRule]:
        return DeadlineRule.objects.filter(
            commitment__version=target, commitment__code=commitment_code, channel=channel, kind=kind
        )

    subject = rule_subject(commitment_code=commitment_code, channel=channel, kind=kind)
    spec = ("deadline rule", RULE_EDITABLE, SchemeEventKind.DEADLINE_RULE_CHANGED, subject)
    return _edit(version=version, actor=actor, lookup=lookup, changes=changes, spec=spec)


_REQUIREMENT_NUMBER = re.compile(r"-R(\d+)$")


def _next_requirement_code(commitment: Commitment) -> str:
    codes = commitment.requirements.values_list("code", flat=True)
    numbers = [int(m.group(1)) for m in map(_REQUIREMENT_NUMBER.search, codes) if m]
    return f"{commitment.code}-R{max(numbers, default=0) + 1}"


@transaction.atomic
def requirement_add(
    *, version: SchemeVersion, commitment_code: str, actor: User, text_fr: str, text_en: str
) -> EditOutcome:
    """Add a requirement under a commitment, numbered after its last (``T3.1-R4``).

    Both texts are required. Copy-on-write; records REQUIREMENT_ADDED. Only the
    quality manager.
    """
    require_editor(user=actor)
    _find(Commitment.objects.filter(version=version, code=commitment_code), "commitment")
    texts = {"text_fr": text_fr.strip(), "text_en": text_en.strip()}
    probe = Requirement(code="-", **texts)
    try:
        probe.full_clean(exclude=["commitment"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise SchemeValidationError(_messages(error)) from None
    landing = _landing(version=version, actor=actor)
    commitment = _find(
        Commitment.objects.filter(version=landing.version, code=commitment_code), "commitment"
    )
    row = Requirement.objects.create(
        commitment=commitment, code=_next_requirement_code(commitment), **texts
    )
    diff = {name: (None, value) for name, value in texts.items()}
    details = {"fields": _as_details(diff)}
    _record(
        version=landing.version,
        kind=SchemeEventKind.REQUIREMENT_ADDED,
        subject=row.code,
        actor=actor,
        details=details,
    )
    return _outcome(landing, details["fields"])


@transaction.atomic
def requirement_remove(*, version: SchemeVersion, code: str, actor: User) -> EditOutcome:
    """Remove a requirement. Copy-on-write (the version results used keeps it);
    records REQUIREMENT_REMOVED with the texts removed. Only the quality manager."""
    require_editor(user=actor)
    _find(Requirement.objects.filter(commitment__version=version, code=code), "requirement")
    landing = _landing(version=version, actor=actor)
    row = _find(
        Requirement.objects.filter(commitment__version=landing.version, code=code), "requirement"
    )
    diff = {name: (getattr(row, name), None) for name in REQUIREMENT_EDITABLE}
    row.delete()
    details = {"fields": _as_details(diff)}
    _record(
        version=landing.version,
        kind=SchemeEventKind.REQUIREMENT_REMOVED,
        subject=code,
        actor=actor,
        details=details,
    )
    return _outcome(landing, details["fields"])


@transaction.atomic
def version_activate(*, version: SchemeVersion, actor: User, valid_from: date) -> SchemeVersion:
    """Make a draft the scheme's active version from ``valid_from``; retire the previous one.

    Locks the scheme row (through ``scheme_version_activate``). Refuses a version that is
    not a draft (PacteError NOT_A_DRAFT). Records ACTIVATED with the date and the version
    retired. Only the quality manager.
    """
    require_editor(user=actor)
    Scheme.objects.select_for_update().get(pk=version.scheme_id)
    current = SchemeVersion.objects.select_related("scheme").get(pk=version.pk)
    if current.status != VersionStatus.DRAFT:
        message = _("Version %(number)s is not a draft: only a draft can be activated.")
        raise PacteError(
            CommitmentError.NOT_A_DRAFT, message % {"number": current.number}, number=current.number
        )
    retired = (
        SchemeVersion.objects.filter(scheme_id=current.scheme_id, status=VersionStatus.ACTIVE)
        .values_list("number", flat=True)
        .first()
    )
    current.valid_from = valid_from
    current.save(update_fields=["valid_from"])
    scheme_version_activate(version=current)
    details = {"valid_from": valid_from.isoformat(), "retired_version": retired}
    _record(
        version=current,
        kind=SchemeEventKind.ACTIVATED,
        subject=f"v{current.number}",
        actor=actor,
        details=details,
    )
    _changed()
    return current


@transaction.atomic
def version_copy_as_draft(*, version: SchemeVersion, actor: User) -> SchemeVersion:
    """Copy ``version`` (draft, active or retired) into a new draft, numbered after the
    scheme's last, to be edited and then activated.

    Locks the scheme row (``scheme_version_draft``). Records DRAFTED on the copy with the
    version copied and ``reason: "copy"``. Only the quality manager.
    """
    require_editor(user=actor)
    current = SchemeVersion.objects.select_related("scheme").get(pk=version.pk)
    draft = scheme_version_draft(version=current)
    _record(
        version=draft,
        kind=SchemeEventKind.DRAFTED,
        subject=f"v{current.number}",
        actor=actor,
        details={"from_version": current.number, "reason": "copy"},
    )
    return draft
