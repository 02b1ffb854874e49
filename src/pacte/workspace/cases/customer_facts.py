"""Changing a fact of the case's customer from the case page (a refusal is shown on the
case page, or in the facts panel htmx swaps)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pacte.business_calendar.selectors import calendar_spec
from pacte.core.errors import PacteError
from pacte.core.permissions import Action
from pacte.customers.facts import CUSTOMER_FACTS
from pacte.customers.models import CustomerFact
from pacte.customers.services import customer_fact_set
from pacte.workspace.cases.views import case_page
from pacte.workspace.common.permissions import action_required, is_htmx, readable_case, request_user
from pacte.workspace.facts.forms import fact_form
from pacte.workspace.facts.presenters import customer_fact_panels
from pacte.workspace.facts.views import back_to, fact_done, fact_refused


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
                fact_refused(form, error)
            else:
                fact_done(request, late_recorded=change.late_recorded)
                return back_to(request, reverse("workspace:case", args=[case.pk]))
        if is_htmx(request):
            context = {
                "case": case,
                "facts": customer_fact_panels(user=user, case=case, bound={fact: form}),
            }
            return render(request, "workspace/facts/customer_facts.html", context)
        return case_page(request, case, spec=spec, facts={fact: form})
