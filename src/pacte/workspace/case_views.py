"""The case page and the actions posted from it.

Every action is a plain form POST that redirects when done, so the page works
without JavaScript; with htmx the form is posted in place and a refusal swaps only
its panel. A service's refusal is shown on the form and changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case
from pacte.cases.selectors import case_timeline
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.customers.selectors import customer_fact_history
from pacte.telephony.selectors import customer_calls
from pacte.workspace.access import (
    is_htmx,
    may_reassign,
    readable_case,
    request_user,
    staff_required,
    writable_case,
)
from pacte.workspace.actions import ACTIONS, CaseAction, available_actions
from pacte.workspace.deadlines import describe_deadline
from pacte.workspace.facts import FactForm, customer_fact_panels, history_rows
from pacte.workspace.forms import WorkspaceForm
from pacte.workspace.presenters import clock_rows, timeline_rows
from pacte.workspace.refusals import show_refusal


def _panels(
    request: HttpRequest, case: Case, spec: CalendarSpec, bound: dict[str, WorkspaceForm]
) -> list[tuple[CaseAction, WorkspaceForm]]:
    user = request_user(request)
    if not user.writes_cases:
        return []
    actions = available_actions(case=case, can_reassign=may_reassign(user))
    # A refused action stays on the page with its error, even if the case's state hides it.
    actions += [ACTIONS[name] for name in bound if ACTIONS[name] not in actions]
    return [
        (
            action,
            bound[action.name] if action.name in bound else action.form(None, case=case, spec=spec),
        )
        for action in actions
    ]


def _case_page(
    request: HttpRequest,
    case: Case,
    *,
    spec: CalendarSpec,
    bound: dict[str, WorkspaceForm] | None = None,
    facts: dict[str, FactForm] | None = None,
) -> HttpResponse:
    now = clock.now()
    user = request_user(request)
    context = {
        "case": case,
        "zone": spec.timezone,
        "deadline": describe_deadline(due_at=case.due_at, now=now, spec=spec),
        "clocks": clock_rows(
            case.clocks.select_related("commitment").order_by("commitment__code", "pk"),
            now=now,
            spec=spec,
        ),
        "timeline": timeline_rows(case_timeline(case=case), case=case),
        "calls": list(customer_calls(customer_id=case.customer_id)),
        "panels": _panels(request, case, spec, bound or {}),
        "facts": customer_fact_panels(user=user, case=case, bound=facts),
        "fact_history": history_rows(customer_fact_history(customer=case.customer)),
    }
    return render(request, "workspace/case.html", context)


@staff_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case, its clocks, the customer's timeline and, for writers, the action forms."""
    case = readable_case(request, pk)
    spec = calendar_spec(calendar=case.site.calendar)
    with timezone.override(spec.zone):
        return _case_page(request, case, spec=spec)


@staff_required
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action through its service; redirect when done, show the refusal if not."""
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    case = writable_case(request, pk)
    if handler.reassign_only and not may_reassign(request_user(request)):
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
            return render(request, "workspace/partials/action_panel.html", context)
        return _case_page(request, case, spec=spec, bound={handler.name: form})


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
