"""Reads of non-conformities: who may see them, lists, overdue actions, missed targets.

Supervisors, quality managers, auditors and administrators read every non-conformity;
anyone else gets NotFoundError (the feature does not exist for them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, Count, IntegerField, Min, Prefetch, Q, QuerySet, Value, When

from pacte.commitments.models import SchemeVersion
from pacte.commitments.selectors import active_version_by_code
from pacte.compliance.selectors import month_results
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may, roles_for
from pacte.nonconformities.errors import NonConformityError
from pacte.nonconformities.figures import (
    Figures,
    closed_snapshot,
    from_result,
    from_snapshot,
    month_over,
)
from pacte.nonconformities.models import (
    OPEN_STATUSES,
    ActionStatus,
    CorrectiveAction,
    FiguresSource,
    NonConformity,
    NonConformityEvent,
    Source,
    Status,
)


def active_scheme_version(*, code: str) -> SchemeVersion:
    """The active version of the scheme ``code``; PacteError(unknown_scheme) if none."""
    found = active_version_by_code(code=code)
    if found is None:
        raise PacteError(NonConformityError.UNKNOWN_SCHEME, f"No active scheme {code!r}.")
    return found


def action_owner(*, username: str) -> User:
    """The active user who may own a corrective action; PacteError(unknown_owner) if none."""
    found = User.objects.filter(
        username=username, is_active=True, role__in=roles_for(Action.NONCONFORMITY_OWN_ACTION)
    ).first()
    if found is None:
        raise PacteError(
            NonConformityError.UNKNOWN_OWNER,
            f"No active supervisor or quality manager {username!r}.",
        )
    return found


def action_owners() -> QuerySet[User]:
    """Who may own a corrective action, by name."""
    return User.objects.filter(
        is_active=True, role__in=roles_for(Action.NONCONFORMITY_OWN_ACTION)
    ).order_by("last_name", "first_name", "username")


def _overdue(today: date) -> Q:
    return Q(actions__status=ActionStatus.PLANNED, actions__due_on__lt=today)


def nonconformity_list(
    *,
    user: User,
    today: date,
    status: str = "",
    scheme_code: str = "",
    overdue_only: bool = False,
) -> QuerySet[NonConformity]:
    """The non-conformities ``user`` may read, open first then newest, filtered.

    Annotated ``overdue_count`` (planned actions due before ``today``) and ``next_due``
    (earliest due date of a planned action). One query.
    """
    if not may(user, Action.NONCONFORMITY_READ):
        raise NotFoundError(NonConformityError.NOT_FOUND, "No such non-conformity.")
    rows = NonConformity.objects.select_related("scheme", "raised_by").annotate(
        overdue_count=Count("actions", filter=_overdue(today), distinct=True),
        next_due=Min("actions__due_on", filter=Q(actions__status=ActionStatus.PLANNED)),
        closed_last=Case(
            When(status=Status.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
    )
    if status:
        rows = rows.filter(status=status)
    if scheme_code:
        rows = rows.filter(scheme__code=scheme_code)
    if overdue_only:
        rows = rows.filter(overdue_count__gt=0)
    return rows.order_by("closed_last", "-raised_at", "-pk")


def access_nonconformity(*, user: User, nonconformity_id: int) -> NonConformity:
    """The non-conformity if ``user`` may read it, with its actions, checks and events
    (four queries); NotFoundError otherwise."""
    if not may(user, Action.NONCONFORMITY_READ):
        raise NotFoundError(NonConformityError.NOT_FOUND, "No such non-conformity.")
    found = (
        NonConformity.objects.select_related("scheme", "scheme_version", "raised_by")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=CorrectiveAction.objects.select_related("owner").order_by(
                    "planned_at", "pk"
                ),
            ),
            "checks__checked_by",
            Prefetch(
                "events",
                queryset=NonConformityEvent.objects.select_related("actor").order_by("at", "pk"),
            ),
        )
        .filter(pk=nonconformity_id)
        .first()
    )
    if found is None:
        raise NotFoundError(NonConformityError.NOT_FOUND, "No such non-conformity.")
    return found


def access_action(*, user: User, nonconformity: NonConformity, action_id: int) -> CorrectiveAction:
    """One action of a non-conformity ``user`` reads; NotFoundError otherwise."""
    if not may(user, Action.NONCONFORMITY_READ):
        raise NotFoundError(NonConformityError.NOT_FOUND, "No such non-conformity.")
    found = (
        CorrectiveAction.objects.select_related("owner", "nonconformity")
        .filter(pk=action_id, nonconformity=nonconformity)
        .first()
    )
    if found is None:
        raise NotFoundError(NonConformityError.ACTION_NOT_FOUND, "No such corrective action.")
    return found


def nonconformities_of_month(*, scheme_id: int, year: int, month: int) -> QuerySet[NonConformity]:
    """A scheme's non-conformities concerning one month, open ones first (one query)."""
    return (
        NonConformity.objects.filter(scheme_id=scheme_id, year=year, month=month)
        .annotate(
            closed_last=Case(
                When(status=Status.CLOSED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("closed_last", "indicator_code", "reference")
    )


def open_nonconformities(*, scheme_id: int | None = None) -> QuerySet[NonConformity]:
    """Every non-conformity not closed yet, optionally of one scheme, by month."""
    rows = NonConformity.objects.filter(status__in=OPEN_STATUSES)
    if scheme_id is not None:
        rows = rows.filter(scheme_id=scheme_id)
    return rows.order_by("year", "month", "reference")


def overdue_actions(*, today: date) -> QuerySet[CorrectiveAction]:
    """Planned actions due before ``today`` (not done, not cancelled), earliest first."""
    return (
        CorrectiveAction.objects.filter(status=ActionStatus.PLANNED, due_on__lt=today)
        .select_related("nonconformity", "owner")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True, slots=True)
class MissedTarget:
    """An indicator that missed its target in a month, and no non-conformity covers it."""

    figures: Figures


def missed_targets_without_nonconformity(
    *, scheme_version: SchemeVersion, year: int, month: int, now: datetime
) -> list[MissedTarget]:
    """The indicators that missed their target in an ended month with no missed-target
    non-conformity yet: from the closing snapshot if the month is closed, else computed
    (``month_results``). An unfinished month has none."""
    if not month_over(year=year, month=month, now=now):
        return []
    covered = set(
        NonConformity.objects.filter(
            scheme_id=scheme_version.scheme_id, year=year, month=month, source=Source.MISSED_TARGET
        ).values_list("indicator_code", flat=True)
    )
    snapshot = closed_snapshot(scheme_id=scheme_version.scheme_id, year=year, month=month)
    if snapshot is not None:
        figures = [from_snapshot(row) for row in snapshot]
    else:
        results = month_results(scheme_version=scheme_version, year=year, month=month, now=now)
        figures = [from_result(result, FiguresSource.LIVE) for result in results]
    return [
        MissedTarget(item)
        for item in figures
        if item.met is False and item.indicator_code not in covered
    ]
