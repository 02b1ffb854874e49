"""The compliance dashboard: monthly results per commitment, trends, the drill-down, and
closing a month: close, reopen, recompute and compare.

Closing runs in the worker (``compliance.publication.month_close_task``): the view checks
what the service would refuse, queues the job and the dashboard polls its state with
htmx. Reopening and comparing run in the request. Every refusal of a service is a
message (or a form error), never a 500. Who may do what is the services' rule: only the
quality manager closes and reopens; anyone who reads the dashboard may compare.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from pacte.compliance.closing import month_reopen
from pacte.compliance.comparison import month_compare
from pacte.compliance.errors import ComplianceError
from pacte.compliance.indicators import Verdict
from pacte.compliance.models import MonthClosing
from pacte.compliance.publication import (
    ClosingTaskState,
    PublicationError,
    closing_enqueue,
    closing_precheck,
    closing_task_state,
)
from pacte.compliance.selectors import closing_by_id
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError, error_text
from pacte.core.permissions import Action
from pacte.workspace.common.paging import page_number
from pacte.workspace.common.permissions import (
    action_required,
    is_htmx,
    request_user,
)
from pacte.workspace.compliance.dashboard import (
    closing_panel,
    commitment_blocks,
    dashboard_selection,
    trend_series,
)
from pacte.workspace.compliance.drill import access_indicator, indicator_drill, verdict_filter
from pacte.workspace.compliance.forms import ReopenForm


def refusal_text(error: PacteError) -> str:
    """The user's words for a closing service's refusal (the code's, as the API says it)."""
    return error.text


def _code_text(code: str) -> Promise | None:
    """The text of a closing job's refusal code (the job keeps the code, not the error)."""
    for codes in (ComplianceError, PublicationError):
        if code in codes.__members__.values():
            return error_text(codes(code))
    return None


@action_required(Action.COMPLIANCE_READ)
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    """The selected month's results per commitment and indicator, and 12-month trends."""
    selection = dashboard_selection(request.GET, now=clock.now())
    context = {
        "selection": selection,
        "blocks": commitment_blocks(selection=selection),
        "trends": trend_series(selection=selection),
        "closing_panel": closing_panel(selection=selection, user=request_user(request)),
    }
    return render(request, "workspace/compliance/dashboard.html", context)


@action_required(Action.COMPLIANCE_READ)
@require_GET
def compliance_drill(request: HttpRequest, code: str) -> HttpResponse:
    """The items behind one indicator's figure, with their verdicts, and its breakdowns."""
    selection = dashboard_selection(request.GET, now=clock.now())
    indicator = access_indicator(selection=selection, code=code)
    verdict = verdict_filter(request.GET.get("verdict"))
    late_only = request.GET.get("late") == "1"
    drill = indicator_drill(
        selection=selection,
        indicator=indicator,
        verdict=verdict,
        page=page_number(request.GET.get("page")),
        late_only=late_only,
    )
    context = {
        "selection": selection,
        "drill": drill,
        "verdict": verdict,
        "late_only": late_only,
        "verdicts": Verdict.choices,
    }
    return render(request, "workspace/compliance/drill.html", context)


def _dashboard(query: str) -> HttpResponseRedirect:
    return redirect(f"{reverse('workspace:compliance')}?{query}")


def _closing_query(closing: MonthClosing) -> str:
    return urlencode({"scheme": closing.scheme_version.scheme.code, "month": closing.label})


def _accessible_closing(pk: int) -> MonthClosing:
    closing = closing_by_id(pk=pk)
    if closing is None:
        raise Http404
    return closing


@action_required(Action.COMPLIANCE_READ)
@require_GET
def closing_confirm(request: HttpRequest) -> HttpResponse:
    """The confirmation step before closing the selected month."""
    selection = dashboard_selection(request.GET, now=clock.now(), strict=True)
    month = selection.month
    try:
        closing_precheck(
            scheme_version=selection.version,
            year=month.year,
            month=month.month,
            actor=request_user(request),
            now=selection.now,
        )
    except PacteError as error:
        messages.error(request, refusal_text(error))
        return _dashboard(selection.query)
    return render(request, "workspace/compliance/closing/confirm.html", {"selection": selection})


@action_required(Action.COMPLIANCE_READ)
@require_POST
def closing_close(request: HttpRequest) -> HttpResponse:
    """Queue the closing of the month; the dashboard then follows the job."""
    selection = dashboard_selection(request.POST, now=clock.now(), strict=True)
    month = selection.month
    try:
        closing_enqueue(
            scheme_version=selection.version,
            year=month.year,
            month=month.month,
            actor=request_user(request),
        )
    except PacteError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.info(request, _("Closing queued; the figures are being frozen and sealed."))
    return _dashboard(selection.query)


@action_required(Action.COMPLIANCE_READ)
@require_POST
def closing_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed month; a missing reason is a form error, a refusal a message."""
    closing = _accessible_closing(pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        context = {"closing": closing, "form": form, "query": _closing_query(closing)}
        return render(request, "workspace/compliance/closing/reopen.html", context, status=400)
    try:
        month_reopen(
            closing=closing, actor=request_user(request), reason=form.cleaned_data["reason"]
        )
    except PacteError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Month reopened. Its snapshot is kept as it was."))
    return _dashboard(_closing_query(closing))


@action_required(Action.COMPLIANCE_READ)
@require_POST
def closing_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Recompute the month now and show what differs from the sealed snapshot."""
    closing = _accessible_closing(pk)
    comparison = month_compare(closing=closing, now=clock.now())
    context = {"closing": closing, "comparison": comparison, "query": _closing_query(closing)}
    return render(request, "workspace/compliance/closing/compare.html", context)


def _finished_message(request: HttpRequest, state: ClosingTaskState) -> None:
    if state.closing_id is not None:
        messages.success(request, _("Month closed and sealed."))
    elif state.code == "task_failed":
        messages.error(request, _("The closing failed; nothing was frozen. Try again."))
    else:
        known = _code_text(state.code)
        messages.error(request, state.detail if known is None else str(known))


@action_required(Action.COMPLIANCE_READ)
@require_GET
def closing_task(request: HttpRequest, task_id: str) -> HttpResponse:
    """Where a queued closing stands; htmx polls this until the job has finished."""
    try:
        state = closing_task_state(task_id=task_id)
    except NotFoundError:
        return render(request, "workspace/compliance/closing/task_unknown.html", status=404)
    htmx = is_htmx(request)
    if htmx and state.finished:
        _finished_message(request, state)
        response = HttpResponse(_("Done."))
        response["HX-Refresh"] = "true"
        return response
    template = (
        "workspace/compliance/closing/task.html"
        if htmx
        else "workspace/compliance/closing/task_page.html"
    )
    return render(request, template, {"state": state, "task_id": state.id})
