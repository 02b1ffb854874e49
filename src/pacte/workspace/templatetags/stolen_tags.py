"""The stolen-phone panels (staff and customer) and the fraud-victim banner."""

from __future__ import annotations

from typing import Any

from django import template

from pacte.cases.models import Case
from pacte.customers.facts_banner import fraud_victim_since
from pacte.customers.models import Customer
from pacte.workspace.operations.stolen_forms import IdentityForm, UnblockForm
from pacte.workspace.operations.stolen_presenters import stolen_panel

register = template.Library()


@register.inclusion_tag("workspace/operations/stolen_panel.html", takes_context=True)
def stolen_case_panel(context: template.Context, case: Case) -> dict[str, Any]:
    """The staff panel of a stolen-phone case: times, clock, block and unblock forms."""
    return {
        "case": case,
        "stolen": stolen_panel(case),
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
        "identity_form": IdentityForm(auto_id="identity_%s"),
        "unblock_form": UnblockForm(auto_id="unblock_%s"),
    }


@register.inclusion_tag("workspace/operations/stolen_times.html")
def stolen_case_times(case: Case) -> dict[str, Any]:
    """The times a customer sees on their own declaration."""
    return {"case": case, "stolen": stolen_panel(case)}


@register.inclusion_tag("workspace/operations/fraud_banner.html")
def fraud_banner(customer: Customer) -> dict[str, Any]:
    """ "Fraud victim since <date>: <reason>" for a customer flagged now (else nothing)."""
    return {"flag": fraud_victim_since(customer)}
