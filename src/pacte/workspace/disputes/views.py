"""The bill-dispute actions posted from the case page: assess, record the correction.

Done: back to the case with a message. Refused (a form error, or the service's
PacteError in the user's language): the dispute panel again with the error, on its
own page (the case page is one click away). Works without JavaScript.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case
from pacte.complaints.disputes import correction_issue, dispute_assess
from pacte.core.errors import PacteError
from pacte.core.permissions import Action
from pacte.workspace.common.permissions import (
    action_required,
    request_user,
    writable_case,
)
from pacte.workspace.disputes.forms import YES, AssessmentForm, CorrectionForm
from pacte.workspace.disputes.presenters import ASSESS_PREFIX, CORRECT_PREFIX, dispute_panel


def _refused(
    request: HttpRequest,
    case: Case,
    *,
    assess_form: AssessmentForm | None = None,
    correction_form: CorrectionForm | None = None,
) -> HttpResponse:
    spec = calendar_spec(calendar=case.site.calendar)
    with timezone.override(spec.zone):
        panel = dispute_panel(
            case=case,
            user=request_user(request),
            assess_form=assess_form,
            correction_form=correction_form,
        )
        return render(request, "workspace/disputes/refused.html", {"case": case, "dispute": panel})


@action_required(Action.WORKSPACE_USE, post=Action.DISPUTE_ASSESS)
@require_POST
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    case = writable_case(request, pk)
    form = AssessmentForm(request.POST, prefix=ASSESS_PREFIX)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dispute_assess(
                case=case,
                actor=request_user(request),
                proven=data["proven"] == YES,
                reason=data["reason"],
                invoice=data["invoice"],
                amount=data["amount"],
            )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("workspace:case", pk=case.pk)
    return _refused(request, case, assess_form=form)


@action_required(Action.WORKSPACE_USE, post=Action.DISPUTE_CORRECT)
@require_POST
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    case = writable_case(request, pk)
    form = CorrectionForm(request.POST, prefix=CORRECT_PREFIX)
    if form.is_valid():
        data = form.cleaned_data
        issued_on: date = data["issued_on"]
        try:
            correction_issue(
                case=case,
                actor=request_user(request),
                amount=data["amount"],
                reference=data["reference"],
                issued_on=issued_on,
            )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("Correction recorded."))
            return redirect("workspace:case", pk=case.pk)
    return _refused(request, case, correction_form=form)
