"""The case pages: home, the queue, the supervisor's teams, a customer's own cases, one
case and the actions posted from it, and its attachments.

Every action is a plain form POST that redirects when done, so the page works
without JavaScript; with htmx the form is posted in place and a refusal swaps only
its panel. A service's refusal is shown on the form and changes nothing.

Attachments are downloaded, never shown: a file a customer sent cannot run in our origin.
Anyone who may read the case may download its attachments (a customer their own
cases'). The response always carries ``Content-Disposition: attachment`` and
``X-Content-Type-Options: nosniff``; its type is the one sniffed from the bytes when the
file was stored, and only for a short list of inert types: anything else, HTML and SVG
included, is served as ``application/octet-stream``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case, Team
from pacte.cases.selectors import (
    case_queue,
    case_queue_keys,
    case_trail,
    case_visible_to,
    customer_case_view,
    customer_cases,
    queue_teams,
    team_load,
    team_members,
)
from pacte.complaints.disputes import dispute_view
from pacte.complaints.mediation import customer_mediation_panel
from pacte.complaints.mediation_selectors import mediation_panel
from pacte.complaints.selectors import chain_panel
from pacte.contracts.selectors import acceptance_panel
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.permissions import Action, may
from pacte.customers.selectors import customer_fact_history, customer_lines
from pacte.intake.files import OCTET_STREAM
from pacte.intake.selectors import case_attachment
from pacte.telephony.selectors import customer_calls
from pacte.workspace.cases.actions import ACTIONS, CaseAction, available_actions
from pacte.workspace.cases.deadlines import describe_deadline
from pacte.workspace.cases.presenters import clock_rows, queue_rows
from pacte.workspace.cases.refusals import show_refusal
from pacte.workspace.cases.trail import trail_rows
from pacte.workspace.common.forms import WorkspaceForm
from pacte.workspace.common.paging import page_number, window_page
from pacte.workspace.common.permissions import (
    action_required,
    is_htmx,
    readable_case,
    request_user,
    writable_case,
)
from pacte.workspace.common.presenters import CalendarSpecs
from pacte.workspace.customers.presenters import portal_actions
from pacte.workspace.disputes.presenters import dispute_panel
from pacte.workspace.facts.forms import FactForm
from pacte.workspace.facts.presenters import customer_fact_panels, history_rows

SAFE_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/tiff",
        "image/webp",
        "text/plain",
    }
)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Staff start at their queue; customers and distributors at their own cases."""
    if request_user(request).is_pacte_staff:
        return redirect("workspace:queue")
    return redirect("workspace:my_cases")


def _selected_team(request: HttpRequest, teams: list[Team]) -> Team | None:
    code = request.GET.get("team", "")
    if not code:
        return None
    for team in teams:
        if team.code == code:
            return team
    raise Http404


@action_required(Action.WORKSPACE_USE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Open cases, most urgent first, with each deadline in business days."""
    user = request_user(request)
    teams = list(queue_teams(user=user))
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
    reassign = may(user, Action.CASE_REASSIGN)
    members = (
        team_members(team_ids=[case.team_id for case in on_page]) if reassign and on_page else None
    )
    rows = queue_rows(on_page, now=clock.now(), specs=CalendarSpecs(), members=members)
    context = {"page": page, "rows": rows, "teams": teams, "team": team, "reassign": reassign}
    return render(request, "workspace/cases/queue.html", context)


@action_required(Action.CASE_READ_ALL)
@require_GET
def supervisor(request: HttpRequest) -> HttpResponse:
    """Every team's open, breached, due-today, due-soon and unassigned cases."""
    teams = team_load(now=clock.now(), specs=CalendarSpecs())
    return render(request, "workspace/cases/supervisor.html", {"teams": teams})


@action_required(Action.PORTAL_USE)
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
    return render(request, "workspace/cases/my_cases.html", {"page": page, "rows": rows})


@action_required(Action.PORTAL_USE)
@require_GET
def my_case(request: HttpRequest, reference: str) -> HttpResponse:
    """One of the customer's or distributor's own cases, read-only: its status, the
    deadline in force and its history, the conversation and the attachments (404 for a
    case they may not see)."""
    try:
        view = customer_case_view(user=request_user(request), reference=reference)
    except NotFoundError as error:
        raise Http404 from error
    spec = calendar_spec(calendar=view.case.site.calendar)
    with timezone.override(spec.zone):
        now = clock.now()
        context = {
            "view": view,
            "case": view.case,
            "mediation": customer_mediation_panel(case=view.case, now=now),
        }
        context["chain"] = chain_panel(case=view.case, now=now)
        context["portal"] = portal_actions(user=request_user(request), view=view)
        context["dispute"] = dispute_view(case=view.case)
        return render(request, "workspace/cases/my_case.html", context)


def _panels(
    request: HttpRequest, case: Case, spec: CalendarSpec, bound: dict[str, WorkspaceForm]
) -> list[tuple[CaseAction, WorkspaceForm]]:
    user = request_user(request)
    if not user.writes_cases:
        return []
    actions = available_actions(case=case, can_reassign=may(user, Action.CASE_REASSIGN))
    # A refused action stays on the page with its error, even if the case's state hides it.
    actions += [ACTIONS[name] for name in bound if ACTIONS[name] not in actions]
    return [
        (
            action,
            bound[action.name] if action.name in bound else action.form(None, case=case, spec=spec),
        )
        for action in actions
    ]


def case_page(
    request: HttpRequest,
    case: Case,
    *,
    spec: CalendarSpec,
    bound: dict[str, WorkspaceForm] | None = None,
    facts: dict[str, FactForm] | None = None,
) -> HttpResponse:
    """The case page; ``bound`` and ``facts`` hold refused forms to show with their errors.

    The case first: its conversation and trail, newest first, its clocks in words and the
    actions beside them; the customer (identity, contacts, lines, open cases, flags, last
    calls) to the side; the customer's other cases one click away. A fixed number of
    queries, whatever the number of events, cases, lines or calls.
    """
    now = clock.now()
    user = request_user(request)
    others = queue_rows(
        customer_cases(customer_id=case.customer_id, exclude_id=case.pk),
        now=now,
        specs=CalendarSpecs(),
    )
    context = {
        "case": case,
        "zone": spec.timezone,
        "deadline": describe_deadline(due_at=case.due_at, now=now, spec=spec),
        "clocks": clock_rows(
            case.clocks.select_related("commitment").order_by("commitment__code", "pk"),
            now=now,
            spec=spec,
        ),
        "trail": trail_rows(case_trail(case=case)),
        "other_cases": others,
        "open_cases": [row for row in others if row.case.is_open],
        "lines": customer_lines(customer=case.customer),
        "calls": list(customer_calls(customer_id=case.customer_id)),
        "panels": _panels(request, case, spec, bound or {}),
        "facts": customer_fact_panels(user=user, case=case, bound=facts),
        "fact_history": history_rows(customer_fact_history(customer=case.customer)),
        "mediation": mediation_panel(case=case, now=now),
        "chain": chain_panel(case=case, now=now),
        "acceptance": acceptance_panel(case=case),
        "dispute": dispute_panel(case=case, user=user),
    }
    return render(request, "workspace/cases/case.html", context)


@action_required(Action.WORKSPACE_USE)
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case, its clocks, the customer's timeline and, for writers, the action forms."""
    case = readable_case(request, pk)
    spec = calendar_spec(calendar=case.site.calendar)
    with timezone.override(spec.zone):
        return case_page(request, case, spec=spec)


@action_required(Action.WORKSPACE_USE)
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action through its service; redirect when done, show the refusal if not."""
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    case = writable_case(request, pk)
    if handler.reassign_only and not may(request_user(request), Action.CASE_REASSIGN):
        raise PermissionDenied
    spec = calendar_spec(calendar=case.site.calendar)
    with timezone.override(spec.zone):
        form = handler.form(request.POST, case=case, spec=spec)
        if form.is_valid():
            try:
                handler.perform(case=case, actor=request_user(request), form=form)
            except PacteError as error:
                show_refusal(form, error)
            else:
                messages.success(request, str(handler.done))
                return _after(request, case)
        if is_htmx(request):
            context = {"case": case, "action": handler, "form": form}
            return render(request, "workspace/cases/action_panel.html", context)
        return case_page(request, case, spec=spec, bound={handler.name: form})


def _after(request: HttpRequest, case: Case) -> HttpResponse:
    """Back where the user came from, else the case if they still see it, else the queue."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = _case_or_queue(request, case)
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _case_or_queue(request: HttpRequest, case: Case) -> str:
    try:
        readable_case(request, case.pk)
    except Http404:
        return reverse("workspace:queue")
    return reverse("workspace:case", args=[case.pk])


def served_type(sniffed: str) -> str:
    """The Content-Type an attachment is served with."""
    return sniffed if sniffed in SAFE_TYPES else OCTET_STREAM


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, as a download, if the user may read its case; 404 otherwise."""
    attachment = case_attachment(pk=pk)
    if attachment is None or attachment.case_id is None:
        raise Http404
    readable_case(request, attachment.case_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=served_type(attachment.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
