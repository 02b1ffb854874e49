"""The risk-measure forms (T4.2): shapes only, the service decides (an empty motive or
reason is refused by ``operations.risk`` with its own words)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.operations.risk import MeasureKind
from pacte.workspace.common.forms import WorkspaceForm


class TakeForm(WorkspaceForm):
    measure = forms.ChoiceField(
        label=_("Measure"),
        choices=MeasureKind.choices,
        widget=forms.RadioSelect,
        initial=MeasureKind.RESTRICTION,
    )
    motive = forms.CharField(
        label=_("Written motive"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required: what was detected and why this measure."),
    )


class LiftForm(WorkspaceForm):
    unfounded = forms.TypedChoiceField(
        label=_("Was the measure unfounded?"),
        choices=(("no", _("No: the measure was founded")), ("yes", _("Yes: a false positive"))),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    reason = forms.CharField(
        label=_("Why the measure is lifted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MonthForm(WorkspaceForm):
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-\d{2}$",
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
    )
