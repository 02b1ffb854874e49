"""The risk-measure panel on the staff case page (a case of kind ``risk_measure``)."""

from __future__ import annotations

from typing import Any

from django import template

from pacte.cases.models import Case
from pacte.operations.risk_selectors import risk_measure_row
from pacte.workspace.operations.risk_forms import LiftForm

register = template.Library()


@register.inclusion_tag("workspace/operations/risk_panel.html", takes_context=True)
def risk_panel(context: template.Context, case: Case) -> dict[str, Any]:
    """The measure (what, on which line, why, by whom; its lifting) and the lift form."""
    return {
        "case": case,
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
        "measure": risk_measure_row(case),
        "lift_form": LiftForm(auto_id="lift_%s"),
    }
