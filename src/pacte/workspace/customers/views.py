"""The customer's actions on their own cases: add information (or answer a question),
rate an answer, file a complaint or a bill dispute.

Plain form POSTs that redirect when done, so the pages work without JavaScript; a
refusal is shown on the form and changes nothing. A case that is not the user's own
(another customer's, an unknown reference) is a 404, whatever the action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.customer_actions import case_rate_answer
from pacte.cases.selectors import CustomerCaseView, customer_case_view
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.permissions import Action
from pacte.intake.portal import portal_follow_up
from pacte.intake.web import web_case_file
from pacte.workspace.common.permissions import action_required, request_user
from pacte.workspace.customers.forms import FollowUpForm, NewCaseForm, rating_form, upload_of
from pacte.workspace.customers.presenters import portal_actions


def _own_view(request: HttpRequest, reference: str) -> CustomerCaseView:
    try:
        return customer_case_view(user=request_user(request), reference=reference)
    except NotFoundError as error:
        raise Http404 from error


def _case_page(request: HttpRequest, view: CustomerCaseView, **refused: Any) -> HttpResponse:
    """The customer's case page again, with a refused form and its errors."""
    spec = calendar_spec(calendar=view.case.site.calendar)
    with timezone.override(spec.zone):
        context = {
            "view": view,
            "case": view.case,
            "portal": portal_actions(user=request_user(request), view=view, **refused),
        }
        return render(request, "workspace/cases/my_case.html", context)


def _done(request: HttpRequest, view: CustomerCaseView, text: str, anchor: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(reverse("workspace:my_case", args=[view.case.reference]) + anchor)


@action_required(Action.PORTAL_USE)
@require_POST
def my_case_follow_up(request: HttpRequest, reference: str) -> HttpResponse:
    """Add information to the case (a CUSTOMER_MESSAGE), with an optional file."""
    view = _own_view(request, reference)
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            portal_follow_up(
                user=request_user(request),
                case=view.case,
                body=form.cleaned_data["body"],
                uploads=upload_of(form.cleaned_data["attachment"]),
            )
        except NotFoundError as error:
            raise Http404 from error
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            return _done(request, view, _("Your message was added to the case."), "#conversation")
    return _case_page(request, view, follow_up=form)


@action_required(Action.PORTAL_USE)
@require_POST
def my_case_rate(request: HttpRequest, reference: str, answer: int) -> HttpResponse:
    """Rate one answer of the case, once (RATED)."""
    view = _own_view(request, reference)
    form = rating_form(answer, request.POST)
    if form.is_valid():
        try:
            case_rate_answer(
                case=view.case,
                actor=request_user(request),
                answer_event_id=answer,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except NotFoundError as error:
            raise Http404 from error
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            return _done(request, view, _("Thank you for your rating."), f"#answer-{answer}")
    return _case_page(request, view, rating=(answer, form))


@action_required(Action.CASE_OPEN_OWN)
@require_http_methods(["GET", "POST"])
def my_case_new(request: HttpRequest) -> HttpResponse:
    """File a complaint or a bill dispute for the logged-in customer; the case opens now
    and its page shows the deadline."""
    form = NewCaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = web_case_file(user=request_user(request), contact=form.contact())
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            case = submission.case
            if case is not None:
                messages.success(
                    request, _("Your case %(reference)s is open.") % {"reference": case.reference}
                )
                return redirect("workspace:my_case", case.reference)
    return render(request, "workspace/customers/new_case.html", {"form": form})
