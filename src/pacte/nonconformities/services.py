"""The life of a non-conformity after it is raised: cause, actions, check, close.

open → cause analysed → action planned → action done → effective → closed, with
"not effective" sending it back for a new cause analysis or action. Every service is
keyword-only and atomic, locks the non-conformity row, and records one event.
Raising is in ``raising.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from pacte.commitments.models import Indicator
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may, require
from pacte.nonconformities.errors import NonConformityConflictError, NonConformityError
from pacte.nonconformities.figures import Figures, indicator_figures, local_today, month_over
from pacte.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    EffectivenessCheck,
    EventKind,
    FiguresSource,
    NonConformity,
    NonConformityEvent,
    Source,
    Status,
)

CAUSE_STATUSES = (Status.OPEN, Status.CAUSE_ANALYSED, Status.NOT_EFFECTIVE)
PLAN_STATUSES = (
    Status.CAUSE_ANALYSED,
    Status.ACTION_PLANNED,
    Status.ACTION_DONE,
    Status.NOT_EFFECTIVE,
)


def require_quality_manager(actor: User) -> None:
    refusal = ForbiddenError(
        NonConformityError.NOT_QUALITY_MANAGER, "Only a quality manager may do this."
    )
    require(actor, Action.NONCONFORMITY_MANAGE, refusal)


def _locked(nonconformity: NonConformity) -> NonConformity:
    return NonConformity.objects.select_for_update().get(pk=nonconformity.pk)


def _require_status(nonconformity: NonConformity, allowed: tuple[Status, ...], doing: str) -> None:
    if nonconformity.status not in allowed:
        raise NonConformityConflictError(
            NonConformityError.WRONG_STATUS,
            f"{nonconformity.reference} is {nonconformity.status}; cannot {doing}.",
            reference=nonconformity.reference,
        )


def _record(
    nonconformity: NonConformity,
    *,
    kind: EventKind,
    actor: User,
    at: datetime,
    note: str = "",
    details: dict[str, Any] | None = None,
) -> NonConformityEvent:
    return NonConformityEvent.objects.create(
        nonconformity=nonconformity,
        kind=kind,
        at=at,
        actor=actor,
        note=note,
        details={"status": nonconformity.status, **(details or {})},
    )


def _set_status(nonconformity: NonConformity, status: Status, **fields: Any) -> None:
    nonconformity.status = status
    for name, value in fields.items():
        setattr(nonconformity, name, value)
    nonconformity.save(update_fields=["status", *fields])


@transaction.atomic
def nonconformity_record_cause(
    *, nonconformity: NonConformity, cause: str, actor: User, now: datetime
) -> NonConformity:
    """Record the cause analysis (quality manager; open, cause analysed or not effective).

    The status becomes ``cause_analysed``. Records a ``cause_recorded`` event with the text.
    """
    require_quality_manager(actor)
    if not cause.strip():
        raise PacteError(NonConformityError.TEXT_REQUIRED, "The cause analysis is empty.")
    nonconformity = _locked(nonconformity)
    _require_status(nonconformity, CAUSE_STATUSES, "record a cause")
    _set_status(nonconformity, Status.CAUSE_ANALYSED, cause=cause.strip())
    _record(nonconformity, kind=EventKind.CAUSE_RECORDED, actor=actor, at=now, note=cause.strip())
    return nonconformity


def _check_plan(
    nonconformity: NonConformity,
    *,
    owner: User,
    due_on: date,
    check: tuple[int, int],
    now: datetime,
) -> None:
    if not may(owner, Action.NONCONFORMITY_OWN_ACTION):
        raise PacteError(
            NonConformityError.OWNER_NOT_ALLOWED,
            "The owner must be an active supervisor or quality manager.",
        )
    if due_on < local_today(now):
        raise PacteError(NonConformityError.DUE_IN_PAST, "The due date is already past.")
    if check <= (nonconformity.year, nonconformity.month):
        raise PacteError(
            NonConformityError.CHECK_MONTH_TOO_EARLY,
            f"The check month must be after {nonconformity.label}.",
        )


@transaction.atomic
def corrective_action_plan(
    *,
    nonconformity: NonConformity,
    description: str,
    owner: User,
    due_on: date,
    check_year: int,
    check_month: int,
    actor: User,
    now: datetime,
) -> CorrectiveAction:
    """Plan a corrective action (quality manager, once the cause is recorded).

    The owner is an active supervisor or quality manager; ``due_on`` is today or later
    (Paris); the check month is after the non-conformity's month. The status becomes
    ``action_planned``. Records an ``action_planned`` event.
    """
    require_quality_manager(actor)
    if not description.strip():
        raise PacteError(NonConformityError.TEXT_REQUIRED, "The action needs a description.")
    if not 1 <= check_month <= 12:
        raise PacteError(NonConformityError.CHECK_MONTH_TOO_EARLY, "No such check month.")
    nonconformity = _locked(nonconformity)
    _require_status(nonconformity, PLAN_STATUSES, "plan an action")
    _check_plan(nonconformity, owner=owner, due_on=due_on, check=(check_year, check_month), now=now)
    action = CorrectiveAction.objects.create(
        nonconformity=nonconformity,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        check_year=check_year,
        check_month=check_month,
        planned_by=actor,
        planned_at=now,
    )
    _set_status(nonconformity, Status.ACTION_PLANNED)
    _record(
        nonconformity,
        kind=EventKind.ACTION_PLANNED,
        actor=actor,
        at=now,
        note=action.description,
        details={
            "action": action.pk,
            "owner": owner.username,
            "due_on": due_on.isoformat(),
            "check_month": action.check_label,
        },
    )
    return action


@transaction.atomic
def corrective_action_complete(
    *, action: CorrectiveAction, actor: User, now: datetime, note: str = ""
) -> CorrectiveAction:
    """Mark a planned action done (its owner or a quality manager).

    When no planned action is left, the non-conformity becomes ``action_done``.
    Records an ``action_completed`` event. The action row is updated only if still
    planned (a conditional UPDATE), so two completions cannot both win.
    """
    if not may(actor, Action.NONCONFORMITY_MANAGE) and actor.pk != action.owner_id:
        raise ForbiddenError(
            NonConformityError.NOT_ACTION_OWNER,
            "Only the action's owner or a quality manager may complete it.",
        )
    nonconformity = _locked(action.nonconformity)
    updated = CorrectiveAction.objects.filter(pk=action.pk, status=ActionStatus.PLANNED).update(
        status=ActionStatus.DONE, done_at=now
    )
    if not updated:
        raise NonConformityConflictError(
            NonConformityError.ACTION_NOT_PLANNED, "This action is not planned any more."
        )
    action.refresh_from_db()
    if not nonconformity.actions.filter(status=ActionStatus.PLANNED).exists():
        _set_status(nonconformity, Status.ACTION_DONE)
    _record(
        nonconformity,
        kind=EventKind.ACTION_COMPLETED,
        actor=actor,
        at=now,
        note=note.strip(),
        details={"action": action.pk},
    )
    return action


def _status_after_actions(nonconformity: NonConformity) -> Status:
    """What the actions left say: one planned → action planned; done but unchecked →
    action done; none → back to cause analysed."""
    actions = nonconformity.actions
    if actions.filter(status=ActionStatus.PLANNED).exists():
        return Status.ACTION_PLANNED
    if actions.filter(status=ActionStatus.DONE, effectiveness_check__isnull=True).exists():
        return Status.ACTION_DONE
    return Status.CAUSE_ANALYSED


@transaction.atomic
def corrective_action_cancel(
    *, action: CorrectiveAction, actor: User, now: datetime, reason: str
) -> CorrectiveAction:
    """Cancel a planned action (quality manager, with a reason).

    The non-conformity's status follows the actions left (see ``_status_after_actions``).
    Conditional UPDATE on the planned status. Records an ``action_cancelled`` event.
    """
    require_quality_manager(actor)
    if not reason.strip():
        raise PacteError(NonConformityError.TEXT_REQUIRED, "Cancelling an action needs a reason.")
    nonconformity = _locked(action.nonconformity)
    updated = CorrectiveAction.objects.filter(pk=action.pk, status=ActionStatus.PLANNED).update(
        status=ActionStatus.CANCELLED
    )
    if not updated:
        raise NonConformityConflictError(
            NonConformityError.ACTION_NOT_PLANNED, "This action is not planned any more."
        )
    action.refresh_from_db()
    _set_status(nonconformity, _status_after_actions(nonconformity))
    _record(
        nonconformity,
        kind=EventKind.ACTION_CANCELLED,
        actor=actor,
        at=now,
        note=reason.strip(),
        details={"action": action.pk},
    )
    return action


def pending_check_month(nonconformity: NonConformity) -> tuple[int, int] | None:
    """The month the done, unchecked actions are to be checked at: the latest of theirs."""
    latest = (
        nonconformity.actions.filter(status=ActionStatus.DONE, effectiveness_check__isnull=True)
        .order_by("-check_year", "-check_month")
        .values_list("check_year", "check_month")
        .first()
    )
    return None if latest is None else (int(latest[0]), int(latest[1]))


def _measured(nonconformity: NonConformity, *, year: int, month: int, now: datetime) -> Figures:
    indicator = (
        Indicator.objects.select_related("commitment")
        .filter(commitment__version=nonconformity.scheme_version, code=nonconformity.indicator_code)
        .first()
    )
    if indicator is None:
        raise PacteError(NonConformityError.UNKNOWN_INDICATOR, "The indicator no longer exists.")
    figures = indicator_figures(
        scheme_version=nonconformity.scheme_version,
        indicator=indicator,
        year=year,
        month=month,
        now=now,
    )
    if not figures.has_data:
        raise PacteError(
            NonConformityError.NO_DATA,
            f"{indicator.code} has no figure for {year:04d}-{month:02d}; nothing to judge by.",
        )
    return figures


def _verdict(
    nonconformity: NonConformity,
    *,
    check: tuple[int, int],
    effective: bool | None,
    note: str,
    now: datetime,
) -> tuple[bool, Figures | None]:
    if nonconformity.source == Source.MISSED_TARGET:
        figures = _measured(nonconformity, year=check[0], month=check[1], now=now)
        return bool(figures.met), figures
    if effective is None or not note.strip():
        raise PacteError(
            NonConformityError.VERDICT_REQUIRED,
            "For an audit finding, say whether the actions were effective, with a note.",
        )
    return effective, None


@transaction.atomic
def nonconformity_check(
    *,
    nonconformity: NonConformity,
    actor: User,
    now: datetime,
    effective: bool | None = None,
    note: str = "",
) -> EffectivenessCheck:
    """Check whether the done actions were effective (quality manager; ``action_done``).

    The check month is the latest check month of the done, unchecked actions and must
    have ended at ``now``. A missed target's verdict is computed: the indicator's result
    for that month (closing snapshot if closed) meets its target → effective. An audit
    finding's verdict is ``effective`` with a ``note``, both required. Effective → status
    ``effective``; otherwise ``not_effective`` (a new cause or action is needed). Records
    a ``checked`` event with the figures.
    """
    require_quality_manager(actor)
    nonconformity = _locked(nonconformity)
    _require_status(nonconformity, (Status.ACTION_DONE,), "check effectiveness")
    check = pending_check_month(nonconformity)
    if check is None or not month_over(year=check[0], month=check[1], now=now):
        label = "" if check is None else f"{check[0]:04d}-{check[1]:02d}"
        raise NonConformityConflictError(
            NonConformityError.CHECK_MONTH_NOT_ENDED,
            f"The check month {label} has not ended yet.",
        )
    verdict, figures = _verdict(nonconformity, check=check, effective=effective, note=note, now=now)
    result = EffectivenessCheck.objects.create(
        nonconformity=nonconformity,
        year=check[0],
        month=check[1],
        effective=verdict,
        rate=figures.rate if figures else None,
        target=figures.target if figures else None,
        numerator=figures.numerator if figures else None,
        denominator=figures.denominator if figures else None,
        figures_source=figures.source if figures else FiguresSource.NONE,
        checked_by=actor,
        checked_at=now,
        note=note.strip(),
    )
    nonconformity.actions.filter(status=ActionStatus.DONE, effectiveness_check__isnull=True).update(
        effectiveness_check=result
    )
    _set_status(nonconformity, Status.EFFECTIVE if verdict else Status.NOT_EFFECTIVE)
    _record(
        nonconformity,
        kind=EventKind.CHECKED,
        actor=actor,
        at=now,
        note=result.note,
        details={
            "month": result.label,
            "effective": verdict,
            "rate": None if result.rate is None else str(result.rate),
            "numerator": result.numerator,
            "denominator": result.denominator,
        },
    )
    return result


@transaction.atomic
def nonconformity_close(
    *, nonconformity: NonConformity, actor: User, now: datetime, note: str = ""
) -> NonConformity:
    """Close a non-conformity whose last effectiveness check was effective (quality
    manager). Records a ``closed`` event."""
    require_quality_manager(actor)
    nonconformity = _locked(nonconformity)
    _require_status(nonconformity, (Status.EFFECTIVE,), "close it")
    _set_status(nonconformity, Status.CLOSED, closed_at=now)
    _record(nonconformity, kind=EventKind.CLOSED, actor=actor, at=now, note=note.strip())
    return nonconformity
