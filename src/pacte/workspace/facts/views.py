"""Changing the facts that decide clocks: the motives' on their own page (a customer's,
from the case page, in ``workspace.cases.customer_facts``, with the helpers below).

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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

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
from pacte.workspace.common.permissions import (
    action_required,
    is_htmx,
    request_user,
)
from pacte.workspace.facts.forms import FactForm, fact_form
from pacte.workspace.facts.presenters import motive_rows


def fact_done(request: HttpRequest, *, late_recorded: bool) -> None:
    """Say the change is recorded, and when the clocks follow it."""
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


def fact_refused(form: FactForm, error: PacteError) -> None:
    """A refused role gets a 403; any other refusal is shown on the form."""
    if isinstance(error, ForbiddenError):
        raise PermissionDenied from error
    field = "effective_at" if str(error.code).startswith("fact_effective") else None
    form.add_error(field if field in form.fields else None, error.text)


def back_to(request: HttpRequest, target: str) -> HttpResponse:
    """Back to ``target``: a redirect, or an htmx redirect for an htmx request."""
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
            fact_refused(form, error)
        else:
            fact_done(request, late_recorded=change.late_recorded)
            return back_to(request, reverse("workspace:motives"))
    if is_htmx(request):  # htmx swaps the motive's row (a 2xx only)
        (row,) = motive_rows(
            [(motive, motive_fact_history(motive=motive))], user=user, bound=(motive.code, form)
        )
        return render(request, "workspace/facts/motive_row.html", {"row": row})
    return _motives_page(request, bound=(motive.code, form), status=400)
