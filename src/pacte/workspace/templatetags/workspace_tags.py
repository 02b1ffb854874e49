"""Template helpers of the workspace: labels kept in two languages on the row."""

from __future__ import annotations

from django import template

from pacte.workspace.common.presenters import localized

register = template.Library()


@register.filter
def localized_label(obj: object) -> str:
    """``obj.label_fr`` or ``obj.label_en``, in the active language (a motive)."""
    return localized(obj, "label")


@register.filter
def localized_title(obj: object) -> str:
    """``obj.title_fr`` or ``obj.title_en``, in the active language (a commitment)."""
    return localized(obj, "title")
