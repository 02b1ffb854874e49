"""``{% load permission_tags %}`` then ``{% if user|may:"case.write" %}``: the permission
table (pacte.core.permissions) read from a template, to show or hide an action."""

from __future__ import annotations

from django import template

from pacte.core.permissions import Action
from pacte.core.permissions import may as may_do
from pacte.core.permissions import role_may as role_may_do

register = template.Library()


@register.filter
def may(user: object, action: str) -> bool:
    """Whether ``user`` may do ``action`` (an ``Action`` value); an unknown action is an
    error, not a silent "no" (a typo would otherwise hide a button for everyone)."""
    return may_do(user, Action(action))  # type: ignore[arg-type]


@register.filter
def role_may(user: object, action: str) -> bool:
    """Whether ``user``'s role grants ``action``: for the links every page shows (the
    menu), where asking the database for an integration's permission on every page
    would cost queries for nothing (a person never holds one)."""
    return bool(getattr(user, "is_authenticated", False)) and role_may_do(
        str(getattr(user, "role", "")), Action(action)
    )
