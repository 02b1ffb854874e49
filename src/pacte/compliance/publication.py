"""Reads and the background job around month closings, for the interfaces.

- ``month_close_task``: ``closing.month_close`` run by the worker (``manage.py
  db_worker``), because a month at production volume takes about a minute to freeze;
- ``closing_precheck``: the refusals ``month_close`` would raise, checked before queuing
  so that a screen or an endpoint can answer at once;
- ``closing_task_state`` / ``pending_closing_task``: where a queued closing stands;
- ``month_closings``, ``closing_events``, ``published_closings``: read-only selectors;
- ``closings_integrity``: whether a closed month's figures may be shown (its seal holds
  and its latest full check held), else "under verification" with the reasons.

Nothing here writes a snapshot: only ``closing.month_close`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from pacte.commitments.models import SchemeVersion
from pacte.compliance.closing import CLOSING_ZONE, month_close
from pacte.compliance.errors import ComplianceError
from pacte.compliance.models import ClosingEvent, ClosingStatus, MonthClosing, SealVerification
from pacte.compliance.periods import month_bounds
from pacte.compliance.verification import SealProblem, seal_holds
from pacte.core import clock
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError, error_texts
from pacte.core.models import User
from pacte.core.permissions import Action, may

PUBLISHED_MONTHS = 12


class PublicationError(StrEnum):
    TASK_UNKNOWN = "closing_task_unknown"
    IN_PROGRESS = "closing_in_progress"


@task()
def month_close_task(
    *, scheme_version_id: int, year: int, month: int, actor_id: int
) -> dict[str, Any]:
    """Close the month in the worker; a refusal is returned (never raised) so that the
    screen polling the task can say why: ``{"closing": id | None, "code", "detail"}``.
    """
    version = SchemeVersion.objects.select_related("scheme").get(pk=scheme_version_id)
    actor = User.objects.get(pk=actor_id)
    try:
        closing = month_close(
            scheme_version=version, year=year, month=month, actor=actor, now=clock.now()
        )
    except PacteError as error:
        return {"closing": None, "seal": "", "code": str(error.code), "detail": error.message}
    return {"closing": closing.pk, "seal": closing.seal, "code": "", "detail": ""}


TASK_PATH = month_close_task.module_path


def closing_precheck(
    *, scheme_version: SchemeVersion, year: int, month: int, actor: User, now: datetime
) -> None:
    """Raise what ``month_close`` would refuse now (role, month not ended, already closed).

    Reads only. The service checks again under its lock; this only spares queuing a job
    bound to fail.
    """
    if not may(actor, Action.COMPLIANCE_CLOSE):
        raise ForbiddenError(
            ComplianceError.NOT_QUALITY_MANAGER, "Only a quality manager may close or reopen."
        )
    _, end = month_bounds(year=year, month=month, zone=CLOSING_ZONE)
    if now < end:
        raise PacteError(
            ComplianceError.MONTH_NOT_ENDED,
            f"{year}-{month:02d} has not ended yet (Paris time); it cannot be closed.",
        )
    if MonthClosing.objects.filter(
        scheme_id=scheme_version.scheme_id, year=year, month=month, status=ClosingStatus.CLOSED
    ).exists():
        raise PacteError(
            ComplianceError.MONTH_ALREADY_CLOSED, f"{year}-{month:02d} is already closed."
        )


def closing_enqueue(*, scheme_version: SchemeVersion, year: int, month: int, actor: User) -> str:
    """Check, then queue the closing for the worker; the task result's id.

    Refuses (``closing_in_progress``) while a closing of the month is queued or running.
    """
    closing_precheck(
        scheme_version=scheme_version, year=year, month=month, actor=actor, now=clock.now()
    )
    if pending_closing_task(scheme_version=scheme_version, year=year, month=month):
        raise PacteError(
            PublicationError.IN_PROGRESS, f"{year}-{month:02d} is being closed; wait for the job."
        )
    result = month_close_task.enqueue(
        scheme_version_id=scheme_version.pk, year=year, month=month, actor_id=actor.pk
    )
    return str(result.id)


@dataclass(frozen=True, slots=True)
class ClosingTaskState:
    """Where a queued closing stands: ``status`` is READY, RUNNING, SUCCESSFUL or FAILED;
    when finished, ``closing_id`` (None if refused) and the refusal's code and detail."""

    id: str
    status: str
    year: int
    month: int
    scheme_version_id: int
    closing_id: int | None = None
    seal: str = ""
    code: str = ""
    detail: str = ""

    @property
    def finished(self) -> bool:
        return self.status in {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _state(row: DBTaskResult[Any, Any]) -> ClosingTaskState:
    kwargs = row.args_kwargs.get("kwargs", {})
    value = row.return_value if row.status == TaskResultStatus.SUCCESSFUL else None
    outcome: dict[str, Any] = value if isinstance(value, dict) else {}
    failed = row.status == TaskResultStatus.FAILED
    return ClosingTaskState(
        id=str(row.id),
        status=str(row.status),
        year=int(kwargs.get("year", 0)),
        month=int(kwargs.get("month", 0)),
        scheme_version_id=int(kwargs.get("scheme_version_id", 0)),
        closing_id=outcome.get("closing"),
        seal=str(outcome.get("seal", "")),
        code="task_failed" if failed else str(outcome.get("code", "")),
        detail=str(row.exception_class_path) if failed else str(outcome.get("detail", "")),
    )


def closing_task_state(*, task_id: str) -> ClosingTaskState:
    """The state of a queued closing (one query); NotFoundError if there is no such task."""
    try:
        row = DBTaskResult.objects.filter(pk=task_id, task_path=TASK_PATH).first()
    except (ValidationError, ValueError):
        row = None
    if row is None:
        raise NotFoundError(PublicationError.TASK_UNKNOWN, "No such closing task.")
    return _state(row)


def pending_closing_task(*, scheme_version: SchemeVersion, year: int, month: int) -> str | None:
    """The id of a closing of this month that is queued or running, if any (one query)."""
    rows = DBTaskResult.objects.filter(
        task_path=TASK_PATH,
        status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING),
    ).values_list("id", "args_kwargs")
    for task_id, args_kwargs in rows[:50]:
        kwargs = args_kwargs.get("kwargs", {})
        if (kwargs.get("scheme_version_id"), kwargs.get("year"), kwargs.get("month")) == (
            scheme_version.pk,
            year,
            month,
        ):
            return str(task_id)
    return None


def month_closings(*, scheme_id: int, year: int, month: int) -> list[MonthClosing]:
    """Every closing of the scheme's month, the latest first (one query)."""
    return list(
        MonthClosing.objects.filter(scheme_id=scheme_id, year=year, month=month)
        .select_related("closed_by", "scheme_version__scheme")
        .order_by("-closed_at", "-pk")
    )


def closing_events(*, closings: list[MonthClosing]) -> QuerySet[ClosingEvent]:
    """The events of these closings, oldest first, with their actors (one query)."""
    return (
        ClosingEvent.objects.filter(closing__in=closings)
        .select_related("actor", "closing")
        .order_by("at", "pk")
    )


def published_closings(*, scheme_id: int, limit: int = PUBLISHED_MONTHS) -> list[MonthClosing]:
    """The scheme's last ``limit`` closed months (status closed only), newest first.

    Only the sealed snapshot is meant to be shown from these: never live figures. One query.
    """
    return list(
        MonthClosing.objects.filter(scheme_id=scheme_id, status=ClosingStatus.CLOSED)
        .select_related("scheme_version__scheme")
        .order_by("-year", "-month")[:limit]
    )


class SealStatus(StrEnum):
    VERIFIED = "verified"
    UNDER_VERIFICATION = "under_verification"


@dataclass(frozen=True, slots=True)
class ClosingIntegrity:
    """Whether a closed month's figures may be shown, and if not, why."""

    status: SealStatus
    checked_at: datetime | None
    reasons: tuple[str, ...]

    @property
    def verified(self) -> bool:
        return self.status == SealStatus.VERIFIED


NOT_CHECKED = _("not checked yet: the full check runs in the background after the closing")
SEAL_DIFFERS = _("the stored figures no longer give the stored seal")
PROBLEMS: dict[str, Promise] = {
    SealProblem.SEAL_MISMATCH.value: _("the seal does not match the closing's rows"),
    SealProblem.CHAIN_BROKEN.value: _("the chain of seals is broken: the previous seal differs"),
    SealProblem.VERDICTS_CHANGED.value: _("frozen verdicts differ from their sealed digest"),
    SealProblem.TRAIL_CHANGED.value: _("sealed trail heads differ from their digest"),
    SealProblem.TRAIL_BROKEN.value: _("the event trail under the month is broken"),
    SealProblem.CLOCK_DRIFT.value: _("a clock differs from the events it is derived from"),
}


def _problem_text(problem: dict[str, str]) -> str:
    if "problem" in problem:
        return str(PROBLEMS.get(problem["problem"], problem["problem"]))
    return problem.get("detail", "")


def latest_verifications(*, closings: list[MonthClosing]) -> dict[int, SealVerification]:
    """The latest full check of each of these closings that has one (one query)."""
    latest: dict[int, SealVerification] = {}
    for verification in SealVerification.objects.filter(closing__in=closings).order_by(
        "closing_id", "-checked_at", "-pk"
    ):
        latest.setdefault(verification.closing_id, verification)
    return latest


def closings_integrity(*, closings: list[MonthClosing]) -> dict[int, ClosingIntegrity]:
    """For each closing, whether its figures may be published (one query).

    Verified when the stored figures still give the stored seal (``seal_holds``) and the
    latest full check (``SealVerification``, written by ``verify_seals`` and after every
    closing) held; "under verification" otherwise, with the reasons.
    """
    latest = latest_verifications(closings=closings)
    integrity: dict[int, ClosingIntegrity] = {}
    for closing in closings:
        reasons: list[str] = []
        if seal_holds(closing) is False:
            reasons.append(str(SEAL_DIFFERS))
        check = latest.get(closing.pk)
        if check is None:
            reasons.append(str(NOT_CHECKED))
        elif not check.ok:
            reasons += [_problem_text(problem) for problem in check.problems]
        status = SealStatus.UNDER_VERIFICATION if reasons else SealStatus.VERIFIED
        integrity[closing.pk] = ClosingIntegrity(
            status=status, checked_at=check.checked_at if check else None, reasons=tuple(reasons)
        )
    return integrity


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        PublicationError.TASK_UNKNOWN: gettext_lazy("No such closing task."),
        PublicationError.IN_PROGRESS: gettext_lazy(
            "This month is being closed; wait for the job to finish."
        ),
    }
)
