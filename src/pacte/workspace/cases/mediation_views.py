"""The mediator's actions from the case pages (level 3, docs/mediation.md): an agent
records a referral, the mediator's recommendation and its application; a customer
refers their own complaint or appeal from "My cases". Plain form POSTs that redirect
back to the page; a refusal (the service's words) or an invalid form is shown there
as a message and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pacte.cases.models import Case
from pacte.cases.selectors import customer_case_view
from pacte.complaints.mediation import (
    mediator_recommendation_record,
    mediator_refer,
    recommendation_apply,
)
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.permissions import Action
from pacte.core.vocabulary import Channel
from pacte.workspace.cases.mediation_forms import (
    YES,
    AppliedForm,
    CustomerReferForm,
    RecommendationForm,
    ReferForm,
)
from pacte.workspace.common.forms import WorkspaceForm
from pacte.workspace.common.permissions import action_required, readable_case, request_user


def _run(request: HttpRequest, form: WorkspaceForm, act: Callable[[], object], done: str) -> None:
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return
    try:
        act()
    except PacteError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, done)


def _back(case: Case) -> HttpResponse:
    return redirect(reverse("workspace:case", args=[case.pk]))


@action_required(Action.MEDIATION_REFER)
@require_POST
def case_refer_mediator(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a referral of the complaint or appeal ``pk`` to the mediator."""
    case = readable_case(request, pk)
    form = ReferForm(request.POST)
    _run(
        request,
        form,
        lambda: mediator_refer(
            case=case,
            channel=Channel(form.cleaned_data["channel"]),
            body=form.cleaned_data["body"],
            actor=request_user(request),
        ),
        _("Referral to the mediator recorded."),
    )
    return _back(case)


@action_required(Action.MEDIATION_RECORD)
@require_POST
def case_mediator_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the mediator's recommendation on the mediation case ``pk``."""
    case = readable_case(request, pk)
    form = RecommendationForm(request.POST)
    _run(
        request,
        form,
        lambda: mediator_recommendation_record(
            case=case,
            actor=request_user(request),
            body=form.cleaned_data["body"],
            accepted=form.cleaned_data["accepted"] == YES,
        ),
        _("The mediator's recommendation is recorded."),
    )
    return _back(case)


@action_required(Action.MEDIATION_RECORD)
@require_POST
def case_recommendation_applied(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what was done to apply the recommendation of the mediation case ``pk``."""
    case = readable_case(request, pk)
    form = AppliedForm(request.POST)
    _run(
        request,
        form,
        lambda: recommendation_apply(
            case=case, actor=request_user(request), body=form.cleaned_data["body"]
        ),
        _("The recommendation is recorded as applied."),
    )
    return _back(case)


@action_required(Action.PORTAL_USE, post=Action.MEDIATION_REFER)
@require_POST
def my_case_refer_mediator(request: HttpRequest, reference: str) -> HttpResponse:
    """The customer refers their own complaint or appeal to the mediator (404 for a case
    they may not see); recorded with its eligibility, eligible or not."""
    try:
        view = customer_case_view(user=request_user(request), reference=reference)
    except NotFoundError as error:
        raise Http404 from error
    form = CustomerReferForm(request.POST)
    _run(
        request,
        form,
        lambda: mediator_refer(
            case=view.case,
            channel=Channel.WEB,
            body=form.cleaned_data["body"],
            actor=request_user(request),
        ),
        _("Your referral to the mediator is recorded."),
    )
    return redirect(reverse("workspace:my_case", args=[view.case.reference]))


def mediation_urls() -> list[URLPattern]:
    """The mediator's URLs, added to the case pages' with one line."""
    return [
        path("cases/<int:pk>/mediator/refer/", case_refer_mediator, name="case_refer_mediator"),
        path(
            "cases/<int:pk>/mediator/recommendation/",
            case_mediator_recommendation,
            name="case_mediator_recommendation",
        ),
        path(
            "cases/<int:pk>/mediator/applied/",
            case_recommendation_applied,
            name="case_recommendation_applied",
        ),
        path(
            "my-cases/<str:reference>/mediator/",
            my_case_refer_mediator,
            name="my_case_refer_mediator",
        ),
    ]
