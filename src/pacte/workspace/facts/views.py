"""Changing the facts that decide clocks: a customer's from the case page, the motives'
on their own page.

Each form posts to one service (``customer_fact_set``, ``motive_fact_set``), which
checks who may change what; a role it refuses gets a 403, any other refusal is shown
on the form and changes nothing. Done, the page says when the clocks follow.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import MotiveFact
from pacte.cases.motive_facts import (
    MOTIVE_FACTS,
    access_motive,
    motive_fact_history,
    motive_fact_set,
    motives_with_history,
)
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.core.permissions import Action
from pacte.customers.facts import CUSTOMER_FACTS
from pacte.customers.models import CustomerFact
from pacte.customers.services import customer_fact_set
from pacte.workspace.cases.views import case_page
from pacte.workspace.common.permissions import (
    action_required,
    is_htmx,
    readable_case,
    request_user,
)
from pacte.workspace.facts.forms import FactForm, fact_form
from pacte.workspace.facts.presenters import customer_fact_panels, motive_rows


def _done(request: HttpRequest, *, late_recorded: bool) -> None:
    if late_recorded:
        messages.success(
            request,
            _(
                "Change recorded with its past effective date; the clocks of the cases "
                "received since follow at the next clock recomputation."
            ),
        )
    else:
        messages.success(request, _("Change recorded; it applies to cases received from now."))


def _refused(form: FactForm, error: PacteError) -> None:
    if isinstance(error, ForbiddenError):
        raise PermissionDenied from error
    field = "effective_at" if str(error.code).startswith("fact_effective") else None
    form.add_error(field if field in form.fields else None, error.text)


@action_required(Action.WORKSPACE_USE)
@require_POST
def customer_fact_change(request: HttpRequest, pk: int, fact: str) -> HttpResponse:
    """Change a fact of the case's customer; back to the case, or the form with the refusal."""
    if fact not in CustomerFact.values:
        raise Http404
    user = request_user(request)
    case = readable_case(request, pk)
    spec = calendar_spec(calendar=case.site.calendar)
    key = CustomerFact(fact)
    with timezone.override(spec.zone):
        form = fact_form(
            request.POST,
            kind=CUSTOMER_FACTS[key],
            current=getattr(case.customer, fact),
            user=user,
            prefix=f"fact-{fact}",
        )
        if form.is_valid():
            try:
                change = customer_fact_set(
                    customer=case.customer,
                    fact=key,
                    value=form.cleaned_data["value"],
                    actor=user,
                    reason=form.cleaned_data["reason"],
                    effective_at=form.cleaned_data.get("effective_at"),
                )
            except PacteError as error:
                _refused(form, error)
            else:
                _done(request, late_recorded=change.late_recorded)
                return _back(request, reverse("workspace:case", args=[case.pk]))
        if is_htmx(request):
            context = {
                "case": case,
                "facts": customer_fact_panels(user=user, case=case, bound={fact: form}),
            }
            return render(request, "workspace/facts/customer_facts.html", context)
        return case_page(request, case, spec=spec, facts={fact: form})


def _back(request: HttpRequest, target: str) -> HttpResponse:
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _motives_page(
    request: HttpRequest, bound: tuple[str, FactForm] | None = None, status: int = 200
) -> HttpResponse:
    rows = motive_rows(motives_with_history(), user=request_user(request), bound=bound)
    return render(request, "workspace/facts/motives.html", {"rows": rows}, status=status)


@action_required(Action.MOTIVE_FACTS_READ)
@require_GET
def motive_list(request: HttpRequest) -> HttpResponse:
    """Every motive with its bill status and history; the change form for its editors."""
    return _motives_page(request)


@action_required(Action.MOTIVE_FACTS_READ)
@require_POST
def motive_fact_change(request: HttpRequest, code: str, fact: str) -> HttpResponse:
    """Change a motive's fact; back to the motives, or the page with the refusal (400)."""
    if fact not in MotiveFact.values:
        raise Http404
    user = request_user(request)
    try:
        motive = access_motive(user=user, code=code)
    except NotFoundError as error:
        raise Http404 from error
    key = MotiveFact(fact)
    form = fact_form(
        request.POST,
        kind=MOTIVE_FACTS[key],
        current=getattr(motive, fact),
        user=user,
        prefix=f"{motive.code}-{fact}",
    )
    if form.is_valid():
        try:
            change = motive_fact_set(
                motive=motive,
                fact=key,
                value=form.cleaned_data["value"],
                actor=user,
                reason=form.cleaned_data["reason"],
                effective_at=form.cleaned_data.get("effective_at"),
            )
        except PacteError as error:
            _refused(form, error)
        else:
            _done(request, late_recorded=change.late_recorded)
            return _back(request, reverse("workspace:motives"))
    if is_htmx(request):  # htmx swaps the motive's row (a 2xx only)
        (row,) = motive_rows(
            [(motive, motive_fact_history(motive=motive))], user=user, bound=(motive.code, form)
        )
        return render(request, "workspace/facts/motive_row.html", {"row": row})
    return _motives_page(request, bound=(motive.code, form), status=400)
