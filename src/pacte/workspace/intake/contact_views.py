"""New contact: an agent on a call or a chat finds the customer (by name, customer number,
phone number or email) or records a new one, and opens the case in one screen, with what
was done before the contact ended (solved, or the deadline told).

Searching is a plain GET (``?q=``); choosing a customer or "new customer" adds
``?customer=<number>`` or ``?new=1`` and shows the form, posted to the same address. Only
the roles that write cases see the page; others get a 403, customers a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pacte.cases.models import Case
from pacte.cases.selectors import case_visible_to, customer_cases
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action
from pacte.customers.models import Customer
from pacte.customers.selectors import customer_search, identified_customer
from pacte.intake.contacts import contact_case_open
from pacte.workspace.common.permissions import action_required, request_user
from pacte.workspace.intake.contact_forms import ContactForm, show_contact_refusal


def _chosen(request: HttpRequest) -> Customer | None:
    reference = request.GET.get("customer", "").strip()
    if not reference:
        return None
    customer = identified_customer(reference=reference)
    if customer is None:
        raise Http404
    return customer


def _after(user: User, case: Case) -> str:
    """The new case if the user sees it (it may have gone to another team's route)."""
    if case_visible_to(user=user).filter(pk=case.pk).exists():
        return reverse("workspace:case", args=[case.pk])
    return reverse("workspace:contact")


@action_required(Action.WORKSPACE_USE)
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    """Find the caller, then open their case (roles that write cases)."""
    user = request_user(request)
    if not user.writes_cases:
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    customer = _chosen(request)
    form: ContactForm | None = None
    if customer is not None or request.GET.get("new") == "1":
        data = request.POST if request.method == "POST" else None
        form = ContactForm(data, user=user, customer=customer)
        if form.is_valid():
            try:
                case = contact_case_open(
                    actor=user,
                    caller=form.caller(),
                    contact=form.contact(),
                    team=form.cleaned_data["team"],
                )
            except PacteError as error:
                show_contact_refusal(form, error)
            else:
                messages.success(
                    request, _("Case %(reference)s opened.") % {"reference": case.reference}
                )
                return redirect(_after(user, case))
    context = {
        "query": query,
        "found": customer_search(text=query) if query else [],
        "customer": customer,
        "open_cases": (
            list(customer_cases(customer_id=customer.pk).filter(is_open=True)[:10])
            if customer is not None
            else []
        ),
        "form": form,
    }
    return render(request, "workspace/intake/contact.html", context)
