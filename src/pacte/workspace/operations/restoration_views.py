"""Payment and restoration pages (T4.4): register a payment, import a CSV file of
payments (with its report), the restorations overdue for the supervisor, and an agent
recording a line restored by hand (docs/operations-restoration.md).

Plain form POSTs; a refusal is shown on the form that asked.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pacte.cases.selectors import case_visible_to
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.permissions import Action
from pacte.operations.models import PaymentSource
from pacte.operations.payments import payment_register
from pacte.operations.payments_import import payments_import
from pacte.operations.restoration import line_restore
from pacte.operations.restoration_overdue import restorations_overdue
from pacte.workspace.cases.refusals import show_refusal
from pacte.workspace.common.permissions import (
    action_required,
    readable_case,
    request_user,
    require_action,
)
from pacte.workspace.operations.restoration_forms import PaymentForm, PaymentsImportForm

REFUSAL_FIELDS = {
    "payment_reference_required": "reference",
    "payment_reference_reused": "reference",
    "payment_amount_invalid": "amount",
    "payment_date_invalid": "paid_on",
}


@action_required(Action.WORKSPACE_USE)
@require_http_methods(["GET", "POST"])
def payment_new(request: HttpRequest) -> HttpResponse:
    """Register a payment on screen; the restorations it queues are named."""
    require_action(request, Action.PAYMENT_REGISTER)
    form = PaymentForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            done = payment_register(
                account=data["account"],
                reference=data["reference"],
                amount=data["amount"],
                paid_on=data["paid_on"],
                actor=request_user(request),
                source=PaymentSource.SCREEN,
            )
        except PacteError as error:
            field = REFUSAL_FIELDS.get(str(error.code))
            if field:
                form.add_error(field, error.text)
            else:
                show_refusal(form, error)
        else:
            text = (
                _("Payment %(reference)s registered.")
                if done.created
                else _("Payment %(reference)s was already registered: nothing changed.")
            )
            messages.success(request, text % {"reference": done.payment.reference})
            for case in done.restorations:
                messages.info(
                    request,
                    _("Restoration %(case)s queued for this account's suspended line.")
                    % {"case": case.reference},
                )
            return redirect("workspace:payment_new")
    return render(request, "workspace/operations/payment_new.html", {"form": form})


@action_required(Action.WORKSPACE_USE)
@require_http_methods(["GET", "POST"])
def payments_import_page(request: HttpRequest) -> HttpResponse:
    """Import a CSV file of payments and show its report (every bad row, or the count)."""
    require_action(request, Action.PAYMENT_REGISTER)
    form = PaymentsImportForm(request.POST or None, request.FILES or None)
    done = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        done = payments_import(
            file_name=upload.name or "", content=upload.read(), actor=request_user(request)
        )
    return render(
        request, "workspace/operations/payments_import.html", {"form": form, "done": done}
    )


@action_required(Action.CASE_READ_ALL)
@require_GET
def restorations(request: HttpRequest) -> HttpResponse:
    """The restorations overdue (paid, not restored after the alert threshold), the
    breached ones (past the technical delay) first in red, with the time since payment."""
    user = request_user(request)
    rows = restorations_overdue(now=clock.now(), cases=case_visible_to(user=user))
    context = {"rows": rows, "breached": sum(1 for row in rows if row.breached)}
    return render(request, "workspace/operations/restorations.html", context)


@action_required(Action.WORKSPACE_USE)
@require_POST
def restoration_restored(request: HttpRequest, pk: int) -> HttpResponse:
    """Record by hand that the line of restoration case ``pk`` was restored (now)."""
    require_action(request, Action.LINE_RESTORE)
    case = readable_case(request, pk)
    try:
        line_restore(case=case, actor=request_user(request))
    except PacteError as error:
        if error.status_code == 404:
            raise Http404 from error
        messages.error(request, error.text)
    else:
        messages.success(request, _("Line of %(case)s restored.") % {"case": case.reference})
    return redirect("workspace:restorations")
