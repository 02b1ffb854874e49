"""The supervisor's view of every team's load, counted in the database.

"Today" and "within one business day" depend on each team's site calendar, so the
horizons are computed per calendar first (a handful), then one grouped query counts
every team's open, breached, due-today, due-soon and unassigned cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from pacte.business_calendar.arithmetic import end_of_local_day, next_business_day
from pacte.business_calendar.models import Calendar
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Team
from pacte.workspace.common.presenters import CalendarSpecs


@dataclass(frozen=True, slots=True)
class Horizons:
    """The ends of "today" and of "one business day from now" on one calendar."""

    end_of_today: datetime
    end_of_next_business_day: datetime


def horizons(*, now: datetime, spec: CalendarSpec) -> Horizons:
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
    """Every team annotated with its open, breached, due_today, due_soon, unassigned counts.

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
