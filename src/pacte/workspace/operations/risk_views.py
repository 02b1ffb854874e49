"""Staff pages of risk and fraud measures on a line (T4.2, docs/operations-risk.md):
take one from a customer's line, lift one from its case page, and the supervisors'
list of measures in force and lifted in a month with the false-positive share.

Plain form POSTs that redirect when done; a refusal is shown on the form that asked,
on the field it is about, with a 400.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pacte.compliance.periods import month_bounds, parse_month
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.permissions import Action
from pacte.customers.models import Line
from pacte.operations.errors import OperationError
from pacte.operations.risk import risk_measure_lift, risk_measure_take
from pacte.operations.risk_selectors import risk_measure_row, risk_overview
from pacte.workspace.cases.refusals import show_refusal
from pacte.workspace.common.forms import WorkspaceForm
from pacte.workspace.common.permissions import action_required, readable_case, request_user
from pacte.workspace.operations.risk_forms import LiftForm, MonthForm, TakeForm

REFUSAL_FIELDS: dict[str, str] = {
    OperationError.RISK_MOTIVE_REQUIRED: "motive",
    OperationError.RISK_MEASURE_INVALID: "measure",
    OperationError.RISK_LIFT_REASON_REQUIRED: "reason",
}


def refuse(form: WorkspaceForm, error: PacteError) -> None:
    """The refusal on the field it is about, else on the form."""
    field = REFUSAL_FIELDS.get(str(error.code))
    if field in form.fields:
        form.add_error(field, error.text)
    else:
        show_refusal(form, error)


@action_required(Action.RISK_MEASURE)
@require_http_methods(["GET", "POST"])
def risk_measure_new(request: HttpRequest, line_id: int) -> HttpResponse:
    """Take a risk or fraud measure on the line ``line_id`` (measure, written motive)."""
    line = Line.objects.select_related("account__customer").filter(pk=line_id).first()
    if line is None:
        raise Http404
    form = TakeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            case = risk_measure_take(
                line=line,
                measure=form.cleaned_data["measure"],
                motive=form.cleaned_data["motive"],
                actor=request_user(request),
            )
        except PacteError as error:
            refuse(form, error)
        else:
            messages.success(request, _("Measure taken: case %(ref)s.") % {"ref": case.reference})
            return redirect("workspace:case", case.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "line": line, "customer": line.account.customer}
    return render(request, "workspace/operations/risk_new.html", context, status=status)


@action_required(Action.RISK_MEASURE)
@require_POST
def risk_measure_lift_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift the measure of case ``pk`` (reason, unfounded or not)."""
    case = readable_case(request, pk)
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            risk_measure_lift(
                case=case,
                reason=form.cleaned_data["reason"],
                unfounded=form.cleaned_data["unfounded"],
                actor=request_user(request),
            )
        except PacteError as error:
            refuse(form, error)
        else:
            messages.success(request, _("Measure lifted."))
            return redirect("workspace:case", case.pk)
    context = {"case": case, "measure": risk_measure_row(case), "lift_form": form}
    return render(request, "workspace/operations/risk_lift_refused.html", context, status=400)


def _month(text: str) -> dict[str, Any]:
    year, number = parse_month(text)
    return {"year": year, "month": number, "zone": timezone.get_current_timezone_name()}


@action_required(Action.CASE_READ_ALL)
@require_GET
def risk_measures(request: HttpRequest) -> HttpResponse:
    """The measures in force, and those lifted in the month with the share lifted as
    unfounded and their motives (T4.2-R2)."""
    form = MonthForm(request.GET)
    today = timezone.localtime(clock.now())
    month = f"{today.year:04d}-{today.month:02d}"
    if form.is_valid() and form.cleaned_data["month"]:
        try:
            month_bounds(**_month(form.cleaned_data["month"]))
        except PacteError as error:
            form.add_error("month", error.text)
        else:
            month = form.cleaned_data["month"]
    start, end = month_bounds(**_month(month))
    context = {
        "form": form,
        "month": month,
        "month_start": start,
        "overview": risk_overview(start=start, end=end),
    }
    return render(request, "workspace/operations/risk_list.html", context)
