"""The form that changes one fact that decides clocks (a customer's or a motive's).

The effective-date field is there only for the roles that may backdate (``core.roles``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.facts import FactKind
from pacte.workspace.common.forms import WorkspaceForm, local_datetime_field


class FactForm(WorkspaceForm):
    """A change of one fact: the new value, why, and (for some roles) from when."""

    value = forms.ChoiceField(label=_("New value"))
    reason = forms.CharField(
        label=_("Why (kept in the history)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    effective_at = local_datetime_field(
        _("Effective from (leave empty: now; a past date marks the change late-recorded)"),
        required=False,
    )

    def __init__(self, data: Any = None, *, kind: FactKind, backdate: bool, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        field = self.fields["value"]
        if isinstance(field, forms.ChoiceField):
            field.choices = kind.choices()
        if not backdate:
            del self.fields["effective_at"]


def fact_form(data: Any, *, kind: FactKind, current: object, user: User, prefix: str) -> FactForm:
    """The form to change a fact whose column holds ``current``, for ``user``."""
    values = [value for value, _label in kind.choices()]
    now = kind.from_column(current)
    other = next((value for value in values if value != now), now) if len(values) == 2 else now
    return FactForm(
        data,
        kind=kind,
        backdate=may(user, Action.FACT_BACKDATE),
        prefix=prefix,
        initial={"value": other},
    )
