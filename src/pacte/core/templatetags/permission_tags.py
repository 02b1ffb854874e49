"""``{% load permission_tags %}`` then ``{% if user|may:"case.write" %}``: the permission
table (pacte.core.permissions) read from a template, to show or hide an action."""

from __future__ import annotations

from django import template

from pacte.core.permissions import Action
from pacte.core.permissions import may as may_do

register = template.Library()


@register.filter
def may(user: object, action: str) -> bool:
    """Whether ``user`` may do ``action`` (an ``Action`` value); an unknown action is an
    error, not a silent "no" (a typo would otherwise hide a button for everyone)."""
    return may_do(user, Action(action))  # type: ignore[arg-type]
