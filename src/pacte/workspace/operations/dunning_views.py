"""Dunning pages (T4.3): unpaid bills, their CSV import with its report, a line's
dunning panel (log a contact attempt, suspend the line: a refusal is shown with its
rule and since when it could be allowed) and the month's refused suspensions (T4.3-R2).

Plain form POSTs that redirect when done; a refusal is shown on the panel that asked
(status 400), in the user's language (docs/operations-dunning.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pacte.compliance.periods import month_bounds
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.permissions import Action, may
from pacte.customers.models import Line
from pacte.operations.bills_import import bills_import, problem_text
from pacte.operations.dunning import dunning_case_for, dunning_contact_record
from pacte.operations.dunning_selectors import dunning_panel, unpaid_bills_list
from pacte.operations.suspension import line_suspend_for_non_payment, suspensions_refused
from pacte.workspace.common.permissions import action_required, request_user
from pacte.workspace.operations.dunning_forms import (
    BillFilterForm,
    ContactForm,
    ImportForm,
    MonthForm,
    SuspendForm,
)

PAGE_SIZE = 50


def _instant(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _line(pk: int) -> Line:
    line = Line.objects.select_related("account__customer").filter(pk=pk).first()
    if line is None:
        raise Http404
    return line


@action_required(Action.OPERATIONS_READ)
def unpaid_bills(request: HttpRequest) -> HttpResponse:
    """The unpaid bills, filtered (unsettled ones by default)."""
    form = BillFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    bills = unpaid_bills_list(**{key: value or "" for key, value in filters.items()})
    page = Paginator(bills, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "may_import": may(request_user(request), Action.BILLS_IMPORT),
    }
    return render(request, "workspace/operations/unpaid_bills.html", context)


@action_required(Action.BILLS_IMPORT)
@require_http_methods(["GET", "POST"])
def unpaid_bills_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV file of unpaid bills; show its validation report."""
    form = ImportForm(request.POST or None, request.FILES or None)
    batch = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = bills_import(
            stream=upload.file, file_name=upload.name or "", actor=request_user(request)
        )
    report = (
        [{"line": entry["line"], "reason": problem_text(entry)} for entry in batch.report]
        if batch is not None
        else []
    )
    context = {"form": ImportForm() if batch else form, "batch": batch, "report": report}
    status = 400 if batch is not None and not batch.imported else 200
    return render(request, "workspace/operations/unpaid_bills_import.html", context, status=status)


def _panel(
    request: HttpRequest,
    line: Line,
    *,
    contact_form: ContactForm | None = None,
    suspend_form: SuspendForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request_user(request)
    panel = dunning_panel(line)
    zone = ZoneInfo(panel.case.site.calendar.timezone) if panel.case else None
    context: dict[str, Any] = {
        "panel": panel,
        "line": line,
        "contact_form": contact_form or ContactForm(),
        "suspend_form": suspend_form or SuspendForm(),
        "refusal": refusal,
        "may_contact": may(user, Action.DUNNING_RECORD),
        "may_suspend": may(user, Action.LINE_SUSPEND),
        "zone": zone,
    }
    return render(request, "workspace/operations/dunning_line.html", context, status=status)


@action_required(Action.OPERATIONS_READ)
def dunning_line(request: HttpRequest, line_pk: int) -> HttpResponse:
    """A line's dunning: its bills, case, contacts, suspensions and refusals."""
    return _panel(request, _line(line_pk))


@action_required(Action.DUNNING_RECORD)
@require_POST
def dunning_contact(request: HttpRequest, line_pk: int) -> HttpResponse:
    """Log a contact attempt (the line's dunning case is opened if it has none)."""
    line = _line(line_pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        data, actor = form.cleaned_data, request_user(request)
        try:
            with transaction.atomic():
                dunning_contact_record(
                    case=dunning_case_for(line=line, actor=actor),
                    actor=actor,
                    channel=data["channel"],
                    content=data["content"],
                    regularisation_means=list(data["means"]),
                )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("Contact attempt recorded."))
            return redirect("workspace:dunning_line", line.pk)
    return _panel(request, line, contact_form=form, status=400)


@action_required(Action.LINE_SUSPEND)
@require_POST
def dunning_suspend(request: HttpRequest, line_pk: int) -> HttpResponse:
    """Suspend the line for non-payment; a refusal is shown with its rule and date."""
    line = _line(line_pk)
    form = SuspendForm(request.POST)
    if form.is_valid():
        try:
            line_suspend_for_non_payment(
                line=line, actor=request_user(request), reason=form.cleaned_data["reason"]
            )
        except PacteError as error:
            return _panel(request, line, suspend_form=form, refusal=error.text, status=400)
        messages.success(request, _("Line suspended for non-payment."))
        return redirect("workspace:dunning_line", line.pk)
    return _panel(request, line, suspend_form=form, status=400)


@action_required(Action.OPERATIONS_READ)
def suspensions_refused_month(request: HttpRequest) -> HttpResponse:
    """The suspensions refused in a month (T4.3-R2, reviewed every month)."""
    form = MonthForm(request.GET or None)
    today = timezone.localtime(clock.now())
    year, month = today.year, today.month
    if form.is_bound and form.is_valid() and form.cleaned_data["month"]:
        year, month = (int(part) for part in form.cleaned_data["month"].split("-"))
        if not 1 <= month <= 12 or year < 2000:
            year, month = today.year, today.month
    start, end = month_bounds(year=year, month=month, zone=timezone.get_current_timezone_name())
    refusals = suspensions_refused(start=start, end=end)
    page = Paginator(refusals, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(event, _instant(event.data.get("allowed_from"))) for event in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "month": f"{year:04d}-{month:02d}"}
    return render(request, "workspace/operations/suspensions_refused.html", context)
