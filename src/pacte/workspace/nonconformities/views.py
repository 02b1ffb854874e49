"""Non-conformities in the workspace: the list, one non-conformity with its forms, the
"raise" form, and the dashboard panel (loaded by htmx).

Readers are the compliance dashboard's (supervisor, quality manager, auditor,
administrator); anyone else gets a 404. Each form posts to one service; a refusal is
shown on the form and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pacte.compliance.periods import parse_month
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.nonconformities import raising, services
from pacte.nonconformities.figures import local_today
from pacte.nonconformities.models import ActionStatus, NonConformity, Source, Status
from pacte.nonconformities.selectors import (
    access_action,
    access_nonconformity,
    missed_targets_without_nonconformity,
    nonconformities_of_month,
    nonconformity_list,
)
from pacte.nonconformities.services import CAUSE_STATUSES, PLAN_STATUSES, pending_check_month
from pacte.workspace.common.paging import page_number, window_page
from pacte.workspace.common.permissions import action_required, request_user
from pacte.workspace.compliance.dashboard import dashboard_selection
from pacte.workspace.nonconformities.forms import STEP_FORMS, FilterForm, RaiseForm

PAGE_SIZE = 50


def _refuse(form: forms.Form, error: PacteError) -> None:
    form.add_error(None, error.text)


def _access(request: HttpRequest, pk: int) -> NonConformity:
    try:
        return access_nonconformity(user=request_user(request), nonconformity_id=pk)
    except NotFoundError as error:
        raise Http404 from error


@action_required(Action.NONCONFORMITY_READ)
@require_GET
def nc_list(request: HttpRequest) -> HttpResponse:
    """Non-conformities, open first, filtered by status, scheme and overdue actions."""
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    scheme = filters.get("scheme")
    rows = nonconformity_list(
        user=request_user(request),
        today=local_today(clock.now()),
        status=filters.get("status", ""),
        scheme_code=scheme.code if scheme else "",
        overdue_only=bool(filters.get("overdue")),
    )
    page = window_page(rows, number=page_number(request.GET.get("page")), size=PAGE_SIZE)
    context = {"form": form, "page": page}
    return render(request, "workspace/nonconformities/list.html", context)


def _raised(form: RaiseForm, user: User) -> NonConformity:
    data = form.cleaned_data
    year, month = parse_month(data["month"])
    return raising.nonconformity_raise(
        scheme_code=data["scheme"].code,
        source=Source(data["source"]),
        year=year,
        month=month,
        actor=user,
        now=clock.now(),
        description=data["description"],
        indicator_code=data["indicator"],
        commitment_code=data["commitment"],
        title=data["title"],
    )


@action_required(Action.NONCONFORMITY_READ)
@require_http_methods(["GET", "POST"])
def nc_raise(request: HttpRequest) -> HttpResponse:
    """The form to raise a non-conformity (quality manager: both sources; auditor: an
    audit finding); pre-filled from the query string."""
    user = request_user(request)
    if not may(user, Action.NONCONFORMITY_RAISE_AUDIT):
        raise PermissionDenied
    if request.method != "POST":
        form = RaiseForm(initial=request.GET.dict(), user=user)
        return render(request, "workspace/nonconformities/raise.html", {"form": form})
    form = RaiseForm(request.POST, user=user)
    if form.is_valid():
        try:
            nonconformity = _raised(form, user)
        except PacteError as error:
            _refuse(form, error)
        else:
            messages.success(
                request,
                _("Non-conformity %(reference)s raised.") % {"reference": nonconformity.reference},
            )
            return redirect("workspace:nonconformity", pk=nonconformity.pk)
    return render(request, "workspace/nonconformities/raise.html", {"form": form})


def _may_complete(user: User, owner_id: int) -> bool:
    return may(user, Action.NONCONFORMITY_MANAGE) or user.pk == owner_id


def _detail_context(
    request: HttpRequest, nonconformity: NonConformity, bound: dict[str, forms.Form]
) -> dict[str, Any]:
    user = request_user(request)
    manager = may(user, Action.NONCONFORMITY_MANAGE)
    status = nonconformity.status
    actions = list(nonconformity.actions.all())
    shown = {
        "cause": manager and status in CAUSE_STATUSES,
        "plan": manager and status in PLAN_STATUSES,
        "check": manager and status == Status.ACTION_DONE,
        "close": manager and status == Status.EFFECTIVE,
    }
    step_forms = {
        name: bound.get(name) or STEP_FORMS[name]()
        for name, visible in shown.items()
        if visible or (name in bound and name in shown)
    }
    completable = {
        action.pk
        for action in actions
        if action.status == ActionStatus.PLANNED and _may_complete(user, action.owner_id)
    }
    check_month = pending_check_month(nonconformity) if "check" in step_forms else None
    return {
        "nc": nonconformity,
        "actions": actions,
        "checks": list(nonconformity.checks.all()),
        "events": list(nonconformity.events.all()),
        "step_forms": step_forms,
        "completable": completable,
        "action_form": bound.get("complete") or bound.get("cancel"),
        "may_cancel": manager,
        "check_month": f"{check_month[0]:04d}-{check_month[1]:02d}" if check_month else "",
    }


@action_required(Action.NONCONFORMITY_READ)
@require_GET
def nc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One non-conformity: figures, cause, actions, checks, history, and the forms the
    user may use in its current status."""
    nonconformity = _access(request, pk)
    context = _detail_context(request, nonconformity, {})
    return render(request, "workspace/nonconformities/detail.html", context)


def _perform(step: str, nonconformity: NonConformity, user: User, form: forms.Form) -> None:
    data, now = form.cleaned_data, clock.now()
    if step == "cause":
        services.nonconformity_record_cause(
            nonconformity=nonconformity, cause=data["cause"], actor=user, now=now
        )
    elif step == "plan":
        year, month = parse_month(data["check_month"])
        services.corrective_action_plan(
            nonconformity=nonconformity,
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
            check_year=year,
            check_month=month,
            actor=user,
            now=now,
        )
    elif step == "complete":
        action = access_action(user=user, nonconformity=nonconformity, action_id=data["action"])
        services.corrective_action_complete(action=action, actor=user, now=now, note=data["note"])
    elif step == "cancel":
        action = access_action(user=user, nonconformity=nonconformity, action_id=data["action"])
        services.corrective_action_cancel(action=action, actor=user, now=now, reason=data["reason"])
    elif step == "check":
        services.nonconformity_check(
            nonconformity=nonconformity,
            actor=user,
            now=now,
            effective=data["effective"],
            note=data["note"],
        )
    else:
        services.nonconformity_close(
            nonconformity=nonconformity, actor=user, now=now, note=data["note"]
        )


@action_required(Action.NONCONFORMITY_READ)
@require_POST
def nc_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Run one step through its service; back to the page when done, the refusal shown
    on the form if not. Readers without the right get a 403."""
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404
    nonconformity = _access(request, pk)
    user = request_user(request)
    if not may(user, Action.NONCONFORMITY_MANAGE) and step != "complete":
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            _perform(step, nonconformity, user, form)
        except NotFoundError as error:
            raise Http404 from error
        except PacteError as error:
            if error.status_code == 403:
                raise PermissionDenied from error
            _refuse(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workspace:nonconformity", pk=nonconformity.pk)
    nonconformity = _access(request, pk)
    context = _detail_context(request, nonconformity, {step: form})
    return render(request, "workspace/nonconformities/detail.html", context)


@action_required(Action.NONCONFORMITY_READ)
@require_GET
def nc_panel(request: HttpRequest) -> HttpResponse:
    """The compliance dashboard's panel: the selected month's non-conformities (open
    first) and its missed targets without one; fetched by htmx on load."""
    selection = dashboard_selection(request.GET, now=clock.now())
    month = selection.month
    version = selection.version
    context = {
        "selection": selection,
        "nonconformities": list(
            nonconformities_of_month(
                scheme_id=version.scheme_id, year=month.year, month=month.month
            )
        ),
        "missed": missed_targets_without_nonconformity(
            scheme_version=version, year=month.year, month=month.month, now=selection.now
        ),
        "may_raise": may(request_user(request), Action.NONCONFORMITY_RAISE),
    }
    return render(request, "workspace/nonconformities/panel.html", context)
