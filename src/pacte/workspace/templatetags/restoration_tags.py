"""The supervisor's panel of restorations overdue (T4.4-R2): a count and a link."""

from __future__ import annotations

from typing import Any

from django import template

from pacte.cases.selectors import case_visible_to
from pacte.core import clock
from pacte.core.models import User
from pacte.operations.restoration_overdue import restorations_overdue

register = template.Library()


@register.inclusion_tag("workspace/operations/_restorations_panel.html", takes_context=True)
def restorations_panel(context: template.Context) -> dict[str, Any]:
    """How many restorations the user sees are overdue, and how many are breached."""
    user = context["request"].user
    cases = case_visible_to(user=user) if isinstance(user, User) else None
    rows = restorations_overdue(now=clock.now(), cases=cases)
    return {"overdue": len(rows), "breached": sum(1 for row in rows if row.breached)}
