"""The non-conformity pages' forms: the list's filter, "raise", and one form per step.

They check shapes; the services decide the rules (a refusal is shown on the form).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import Scheme
from pacte.commitments.selectors import schemes_with_active_version
from pacte.core.dates import validate_supported_date, validate_supported_month
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.nonconformities.models import Source, Status
from pacte.nonconformities.selectors import action_owners
from pacte.workspace.common.forms import WorkspaceForm

MONTH_FORMAT = r"^\d{4}-(0[1-9]|1[0-2])$"


def _month_field(label: Any) -> forms.RegexField:
    return forms.RegexField(
        regex=MONTH_FORMAT,
        label=label,
        error_messages={"invalid": _("Give a month as YYYY-MM.")},
        widget=forms.TextInput(attrs={"type": "month"}),
        validators=[validate_supported_month],
    )


def _schemes() -> QuerySet[Scheme]:
    return schemes_with_active_version()


class FilterForm(WorkspaceForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Status.choices], required=False
    )
    scheme = forms.ModelChoiceField(
        label=_("Scheme"),
        queryset=Scheme.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
    overdue = forms.BooleanField(label=_("Overdue actions only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = _schemes()  # type: ignore[attr-defined]


class RaiseForm(WorkspaceForm):
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    scheme = forms.ModelChoiceField(
        label=_("Scheme"), queryset=Scheme.objects.none(), to_field_name="code"
    )
    month = _month_field(_("Month concerned"))
    indicator = forms.CharField(label=_("Indicator code"), required=False, max_length=24)
    commitment = forms.CharField(label=_("Commitment code"), required=False, max_length=16)
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = _schemes()  # type: ignore[attr-defined]
        if not may(user, Action.NONCONFORMITY_RAISE):
            self.fields["source"].choices = [(Source.AUDIT_FINDING, Source.AUDIT_FINDING.label)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needed = {
            Source.MISSED_TARGET: ("indicator",),
            Source.AUDIT_FINDING: ("commitment", "title", "description"),
        }.get(cleaned.get("source", ""), ())
        for name in needed:
            if not str(cleaned.get(name, "")).strip():
                self.add_error(name, _("Required for this source."))
        return cleaned


class CauseForm(WorkspaceForm):
    cause = forms.CharField(label=_("Cause analysis"), widget=forms.Textarea(attrs={"rows": 4}))


class PlanForm(WorkspaceForm):
    description = forms.CharField(
        label=_("Corrective action"), widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(
        label=_("Due on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_supported_date],
    )
    check_month = _month_field(_("Effectiveness checked on the month"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = action_owners()  # type: ignore[attr-defined]


class CompleteForm(WorkspaceForm):
    action = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000)


class CancelForm(WorkspaceForm):
    action = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why cancel"), max_length=2000)


class CheckForm(WorkspaceForm):
    effective = forms.TypedChoiceField(
        label=_("Effective? (audit finding)"),
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(WorkspaceForm):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000)


STEP_FORMS: dict[str, type[WorkspaceForm]] = {
    "cause": CauseForm,
    "plan": PlanForm,
    "complete": CompleteForm,
    "cancel": CancelForm,
    "check": CheckForm,
    "close": CloseForm,
}
