"""The SIM-order panels: on the staff case page (the order's steps and their forms, or a
link to order one for the case's customer) and on the customer's own case page."""

from __future__ import annotations

from typing import Any

from django import template

from pacte.cases.models import Case
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.operations.sim_selectors import sim_order_view
from pacte.workspace.operations.sim_forms import DeliveredForm, ShippedForm

register = template.Library()


@register.inclusion_tag("workspace/operations/sim_panel.html", takes_context=True)
def sim_panel(context: template.Context, case: Case) -> dict[str, Any]:
    """The order's steps with the form of the next one (who may fulfil, open orders);
    on another case of a customer with lines, the link to order a SIM."""
    user = context.get("user")
    order = sim_order_view(case=case)
    may_order = (
        isinstance(user, User)
        and may(user, Action.SIM_ORDER)
        and case.customer_id is not None
        and not case.customer.unidentified
        and case.customer.accounts.filter(lines__isnull=False).exists()
    )
    return {
        "case": case,
        "order": order,
        "csrf_token": context.get("csrf_token"),
        "may_fulfil": isinstance(user, User) and may(user, Action.SIM_FULFIL),
        "may_order": order is None and may_order,
        "shipped_form": ShippedForm(auto_id="sim_shipped_%s"),
        "delivered_form": DeliveredForm(auto_id="sim_delivered_%s"),
    }


@register.inclusion_tag("workspace/operations/sim_steps.html")
def sim_steps(case: Case) -> dict[str, Any]:
    """The order's steps as its customer reads them (none for another kind of case)."""
    return {"order": sim_order_view(case=case), "customer_view": True}
