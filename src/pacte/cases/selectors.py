"""Permission-scoped reads of cases: what each role may see of cases and their trails,
the queue, and the supervisor's load of every team."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from pacte.business_calendar.arithmetic import end_of_local_day, next_business_day
from pacte.business_calendar.models import Calendar
from pacte.business_calendar.selectors import CalendarSpecs
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.errors import CaseError
from pacte.cases.models import QUEUE_ORDER, Case, CaseEvent, Clock, EventKind, Site, Team
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.customers.errors import CustomerError
from pacte.customers.models import Customer, Distributor


def _visibility(user: User) -> Q | None:
    """The filter of the cases ``user`` may see; None means every case.

    Each filter matches a case at most once (no join that multiplies rows), so the
    queue can be read straight from its index without DISTINCT.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.sees_all_cases:
        return None
    if user.role == Role.AGENT:
        return Q(team_id__in=Team.objects.filter(members=user).values("pk"))
    if user.role == Role.CUSTOMER:
        return Q(customer__user=user)
    if user.role == Role.DISTRIBUTOR:
        return Q(distributor__in=Distributor.objects.filter(users=user).values("pk"))
    return Q(pk__in=[])


def case_visible_to(*, user: User) -> QuerySet[Case]:
    """Every case ``user`` may read."""
    rule = _visibility(user)
    cases = Case.objects.all()
    return cases if rule is None else cases.filter(rule)


def access_case(*, user: User, case_id: int) -> Case:
    """The case if ``user`` may see it; NotFoundError otherwise (never say which)."""
    case = (
        case_visible_to(user=user)
        .select_related("customer", "motive", "team", "site__calendar", "site__scheme", "assignee")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFoundError(CaseError.NOT_FOUND, "No such case.")
    return case


def case_queue(*, user: User, team: Team | None = None) -> QuerySet[Case]:
    """Open cases ``user`` works on, most urgent first (deadline in force, then receipt).

    An agent sees their teams' queues; roles that see every case see every team's,
    narrowed to ``team`` when given.
    """
    cases = case_visible_to(user=user).filter(is_open=True)
    if team is not None:
        cases = cases.filter(team=team)
    return cases.select_related("customer", "motive", "team", "assignee").order_by(*QUEUE_ORDER)


def _queue_team_ids(user: User, team: Team | None) -> list[int] | None:
    """The teams whose queues make up ``user``'s queue, or None for one overall queue."""
    if team is not None:
        return [team.pk]
    if user.is_authenticated and user.role == Role.AGENT:
        return list(user_teams(user=user).values_list("pk", flat=True))
    return None


def _queue_key(row: tuple[datetime | None, datetime, int]) -> tuple[bool, datetime, datetime, int]:
    due_at, received_at, pk = row
    return (due_at is None, due_at or received_at, received_at, pk)


def case_queue_keys(*, user: User, team: Team | None = None, offset: int, limit: int) -> list[int]:
    """Primary keys of the queue's cases ``offset`` to ``offset + limit``, in queue order.

    Each team's queue is read from its own ordered index and the streams are merged, so
    an agent of several teams costs ``offset + limit`` rows per team (one query each)
    rather than a sort of every open case of those teams.
    """
    cases = case_queue(user=user, team=team)
    team_ids = _queue_team_ids(user, team)
    if team_ids is None or len(team_ids) == 1:
        return list(cases.values_list("pk", flat=True)[offset : offset + limit])
    streams = [
        list(
            cases.filter(team_id=team_id).values_list("due_at", "received_at", "pk")[
                : offset + limit
            ]
        )
        for team_id in team_ids
    ]
    merged = heapq.merge(*streams, key=_queue_key)
    return [pk for _, _, pk in islice(merged, offset, offset + limit)]


def case_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    """Every event of every case of the case's customer, across channels, oldest first."""
    return (
        CaseEvent.objects.filter(case__customer_id=case.customer_id)
        .select_related("actor", "case")
        .order_by("at", "pk")
    )


# A case list's filter (the API's query string) -> ORM lookup. "before" is strict,
# "after" inclusive.
CASE_FILTER_LOOKUPS = {
    "status": "status",
    "channel": "channel",
    "kind": "kind",
    "team": "team__code",
    "assignee": "assignee__username",
    "customer": "customer__reference",
    "due_before": "due_at__lt",
    "due_after": "due_at__gte",
    "received_before": "received_at__lt",
    "received_after": "received_at__gte",
}
# What a customer or a distributor sees of a case's trail (not internal notes, hand-offs,
# assignments).
PUBLIC_EVENT_KINDS = (
    EventKind.OPENED,
    EventKind.CUSTOMER_MESSAGE,
    EventKind.ANSWERED,
    EventKind.DEADLINE_COMMITTED,
    EventKind.CLOSED,
    EventKind.REOPENED,
)


def case_list(*, user: User, filters: Mapping[str, Any]) -> QuerySet[Case]:
    """The cases ``user`` may see, narrowed by ``filters`` (``CASE_FILTER_LOOKUPS``'s
    names; others are ignored), unordered."""
    lookups = {
        CASE_FILTER_LOOKUPS[name]: value
        for name, value in filters.items()
        if name in CASE_FILTER_LOOKUPS
    }
    return (
        case_visible_to(user=user)
        .filter(**lookups)
        .select_related("customer", "motive", "team", "site", "assignee")
    )


def case_events_for(*, user: User) -> QuerySet[CaseEvent]:
    """The events ``user`` may read on a case they see (staff: all; others: public kinds)."""
    events = CaseEvent.objects.select_related("actor").order_by("at", "pk")
    if user.is_pacte_staff:
        return events
    return events.filter(kind__in=PUBLIC_EVENT_KINDS)


def case_with_trail(*, case: Case, user: User) -> Case:
    """Attach ``clock_list`` and ``event_list`` to ``case`` (two queries)."""
    prefetch_related_objects(
        [case],
        Prefetch(
            "clocks",
            queryset=Clock.objects.select_related("commitment").order_by("effective_due_at", "pk"),
            to_attr="clock_list",
        ),
        Prefetch("events", queryset=case_events_for(user=user), to_attr="event_list"),
    )
    return case


def access_case_with_trail(*, user: User, case_id: int) -> Case:
    """The case with its clocks and events if ``user`` may see it; NotFoundError otherwise."""
    return case_with_trail(case=access_case(user=user, case_id=case_id), user=user)


def user_teams(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(members=user).order_by("code")


def queue_teams(*, user: User) -> QuerySet[Team]:
    """The teams whose queues ``user`` may open: every team for those who see every case,
    else their own; by code."""
    return Team.objects.order_by("code") if user.sees_all_cases else user_teams(user=user)


def team_members(*, team_ids: Iterable[int]) -> dict[int, list[User]]:
    """The members of the teams ``team_ids``, by team id, by name (two queries)."""
    teams = Team.objects.filter(pk__in=set(team_ids)).prefetch_related("members")
    return {
        team.pk: sorted(team.members.all(), key=lambda user: (str(user).lower(), user.pk))
        for team in teams
    }


def access_customer(*, user: User, reference: str) -> Customer:
    """The customer ``reference`` for staff who may see it: those who see every case, and
    agents who see one of its cases. NotFoundError for anyone else (never say which)."""
    staff = user.is_active and user.is_pacte_staff
    customer = Customer.objects.filter(reference=reference).first() if staff else None
    if customer is None or not (
        user.sees_all_cases or case_visible_to(user=user).filter(customer=customer).exists()
    ):
        raise NotFoundError(CustomerError.NOT_FOUND, "No such customer.")
    return customer


def case_trail(*, case: Case) -> QuerySet[CaseEvent]:
    """The case's own events (its conversation and trail), newest first, with their
    actors: one query."""
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("-at", "-pk")


def customer_cases(*, customer_id: int, exclude_id: int | None = None) -> QuerySet[Case]:
    """The customer's cases, newest received first, with what a list of them shows
    (motive, team, site calendar): one query."""
    cases = Case.objects.filter(customer_id=customer_id).select_related(
        "motive", "team", "site__calendar"
    )
    if exclude_id is not None:
        cases = cases.exclude(pk=exclude_id)
    return cases.order_by("-received_at", "-pk")


def event_names(
    *, team_codes: set[str], user_ids: set[int]
) -> tuple[dict[str, str], dict[int, str]]:
    """The names events refer to by code or id: teams by code, people by id (their full
    name). At most two queries, none for an empty set."""
    teams = (
        dict(Team.objects.filter(code__in=team_codes).values_list("code", "name"))
        if team_codes
        else {}
    )
    people = User.objects.filter(pk__in=user_ids) if user_ids else User.objects.none()
    users = {user.pk: str(user) for user in people}
    return teams, users


@dataclass(frozen=True, slots=True)
class Horizons:
    """The ends of "today" and of "one business day from now" on one calendar."""

    end_of_today: datetime
    end_of_next_business_day: datetime


def horizons(*, now: datetime, spec: CalendarSpec) -> Horizons:
    """The ends of today and of the next business day after ``now`` on ``spec``."""
    today = now.astimezone(spec.zone).date()
    return Horizons(
        end_of_today=end_of_local_day(today, spec),
        end_of_next_business_day=end_of_local_day(next_business_day(today, spec), spec),
    )


def _per_calendar(by_calendar: dict[int, datetime]) -> Q:
    """Cases due by their team's calendar's horizon (``by_calendar`` is not empty)."""
    rule = Q()
    for calendar_id, horizon in by_calendar.items():
        rule |= Q(site__calendar_id=calendar_id, cases__due_at__lte=horizon)
    return rule


def team_load(*, now: datetime, specs: CalendarSpecs) -> list[Team]:
    """Every team annotated with its open, breached, due_today, due_soon, unassigned counts
    (the supervisor's view of every team's load).

    "Today" and "within one business day" depend on each team's site calendar, so the
    horizons are computed per calendar first (a handful, each read once through
    ``specs``), then one grouped query counts every team's cases.

    ``due_soon`` is "within one business day" (due by the end of the next business
    day), which includes ``due_today``; neither includes breached cases.
    """
    calendars = Calendar.objects.filter(sites__teams__isnull=False).distinct()
    by_calendar = {c.pk: horizons(now=now, spec=specs.for_calendar(c)) for c in calendars}
    if not by_calendar:
        return []
    is_open = Q(cases__is_open=True)
    not_breached = is_open & Q(cases__due_at__gte=now)
    today = _per_calendar({pk: h.end_of_today for pk, h in by_calendar.items()})
    soon = _per_calendar({pk: h.end_of_next_business_day for pk, h in by_calendar.items()})
    return list(
        Team.objects.select_related("site")
        .annotate(
            open_count=Count("cases", filter=is_open),
            breached_count=Count("cases", filter=is_open & Q(cases__due_at__lt=now)),
            due_today_count=Count("cases", filter=not_breached & today),
            due_soon_count=Count("cases", filter=not_breached & soon),
            unassigned_count=Count("cases", filter=is_open & Q(cases__assignee__isnull=True)),
        )
        .order_by("code")
    )


def first_site_scheme_code() -> str | None:
    """The scheme code of the first site by code (the default scheme of the screens); None
    without sites."""
    return Site.objects.order_by("code").values_list("scheme__code", flat=True).first()


# What a customer (or their distributor) reads of a case on their own pages. The
# conversation: the request that opened the case (its text is the customer's), the
# customer's later messages and the answers sent to them. The deadline's history:
# each new committed deadline, which the customer was told. Never shown: internal notes
# (NOTE), hand-offs and their context notes (HANDED_OFF), assignments (ASSIGNED), the
# matching of a sender to a customer (CUSTOMER_MATCHED), and closings and reopenings
# (CLOSED, REOPENED), whose reasons are written for staff: the status says the state.
CUSTOMER_CONVERSATION_KINDS = (EventKind.OPENED, EventKind.CUSTOMER_MESSAGE, EventKind.ANSWERED)
CUSTOMER_VISIBLE_KINDS = (*CUSTOMER_CONVERSATION_KINDS, EventKind.DEADLINE_COMMITTED)


@dataclass(frozen=True)
class CommittedDeadline:
    new_due_at: datetime
    told_at: datetime


@dataclass(frozen=True)
class CustomerCaseView:
    """One case as its customer reads it; ``attachments`` are ``intake.Attachment``s."""

    case: Case
    conversation: list[CaseEvent]
    deadlines: list[CommittedDeadline]
    attachments: list[Any]


def customer_visible_events(*, case: Case) -> QuerySet[CaseEvent]:
    """The events of ``case`` its customer may read (``CUSTOMER_VISIBLE_KINDS``), oldest
    first."""
    return case.events.filter(kind__in=CUSTOMER_VISIBLE_KINDS).order_by("at", "pk")


def customer_case_view(*, user: User, reference: str) -> CustomerCaseView:
    """The case ``reference`` (``P00000042``) as a customer or distributor reads it, if
    ``user`` may see it; NotFoundError otherwise, the same for a malformed reference.
    Three queries: the case, its visible events, its attachments."""
    digits = reference[1:] if reference[:1] == "P" else ""
    case = None
    if digits.isascii() and digits.isdigit():
        case = (
            case_visible_to(user=user)
            .select_related("site__calendar")
            .filter(pk=int(digits))
            .first()
        )
    if case is None or case.reference != reference:
        raise NotFoundError(CaseError.NOT_FOUND, "No such case.")
    events = list(customer_visible_events(case=case))
    return CustomerCaseView(
        case=case,
        conversation=[e for e in events if e.kind in CUSTOMER_CONVERSATION_KINDS and e.body],
        deadlines=[
            CommittedDeadline(
                new_due_at=datetime.fromisoformat(e.data["new_due_at"]),
                told_at=datetime.fromisoformat(e.data["told_at"]),
            )
            for e in events
            if e.kind == EventKind.DEADLINE_COMMITTED
        ],
        attachments=list(case.attachments.order_by("created_at", "pk")),
    )
