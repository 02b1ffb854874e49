"""The contract-acceptance panel's forms, unbound, on the staff case page."""

from __future__ import annotations

from typing import Any

from django import template

from pacte.cases.models import Case
from pacte.workspace.contracts.forms import ImpossibleForm, NoticeForm

register = template.Library()


@register.inclusion_tag("workspace/contracts/_acceptance_forms.html", takes_context=True)
def acceptance_forms(context: template.Context, case: Case) -> dict[str, Any]:
    """The forms recording a notice sent, or why one cannot be sent."""
    return {
        "case": case,
        "csrf_token": context.get("csrf_token"),
        "notice_form": NoticeForm(auto_id="notice_%s"),
        "impossible_form": ImpossibleForm(auto_id="impossible_%s"),
    }
