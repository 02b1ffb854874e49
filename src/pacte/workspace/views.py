"""The workspace's list pages: home, the queue, the supervisor's teams, a customer's cases."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from pacte.cases.models import Team
from pacte.cases.selectors import case_queue, case_queue_keys, case_visible_to, user_teams
from pacte.core import clock
from pacte.core.models import User
from pacte.workspace.access import (
    may_reassign,
    outside_staff_required,
    request_user,
    staff_required,
    supervisor_required,
)
from pacte.workspace.paging import page_number, window_page
from pacte.workspace.presenters import CalendarSpecs, queue_rows, team_members
from pacte.workspace.supervision import team_load


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Staff start at their queue; customers and distributors at their own cases."""
    if request_user(request).is_pacte_staff:
        return redirect("workspace:queue")
    return redirect("workspace:my_cases")


def _queue_teams(user: User) -> QuerySet[Team]:
    return Team.objects.order_by("code") if user.sees_all_cases else user_teams(user=user)


def _selected_team(request: HttpRequest, teams: list[Team]) -> Team | None:
    code = request.GET.get("team", "")
    if not code:
        return None
    for team in teams:
        if team.code == code:
            return team
    raise Http404


@staff_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Open cases, most urgent first, with each deadline in business days."""
    user = request_user(request)
    teams = list(_queue_teams(user))
    team = _selected_team(request, teams)
    cases = case_queue(user=user, team=team).select_related("site__calendar")
    number = page_number(request.GET.get("page"))
    page = window_page(
        cases,
        number=number,
        size=settings.PACTE_QUEUE_PAGE_SIZE,
        keys=lambda offset, limit: case_queue_keys(
            user=user, team=team, offset=offset, limit=limit
        ),
    )
    on_page = page.object_list
    reassign = may_reassign(user)
    members = team_members(case.team_id for case in on_page) if reassign and on_page else None
    rows = queue_rows(on_page, now=clock.now(), specs=CalendarSpecs(), members=members)
    context = {"page": page, "rows": rows, "teams": teams, "team": team, "reassign": reassign}
    return render(request, "workspace/queue.html", context)


@supervisor_required
@require_GET
def supervisor(request: HttpRequest) -> HttpResponse:
    """Every team's open, breached, due-today, due-soon and unassigned cases."""
    teams = team_load(now=clock.now(), specs=CalendarSpecs())
    return render(request, "workspace/supervisor.html", {"teams": teams})


@outside_staff_required
@require_GET
def my_cases(request: HttpRequest) -> HttpResponse:
    """A customer's or distributor's own cases, read-only (the portal will replace it)."""
    user = request_user(request)
    cases = (
        case_visible_to(user=user)
        .select_related("site__calendar", "motive")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(cases, settings.PACTE_QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queue_rows(list(page.object_list), now=clock.now(), specs=CalendarSpecs())
    return render(request, "workspace/my_cases.html", {"page": page, "rows": rows})
