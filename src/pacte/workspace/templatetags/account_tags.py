"""The account-data panel of a phone or chat case (T3.2-a): the identity check first."""

from __future__ import annotations

from typing import Any

from django import template

from pacte.cases.models import Case
from pacte.workspace.operations.presenters import account_panel

register = template.Library()


@register.inclusion_tag("workspace/operations/account_panel.html", takes_context=True)
def account_data_panel(context: template.Context, case: Case) -> dict[str, Any]:
    """The panel for the user reading ``case`` (none on a written contact)."""
    user = context.get("user")
    return {
        "case": case,
        "user": user,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "account": account_panel(case=case, user=user) if user is not None else None,
    }
