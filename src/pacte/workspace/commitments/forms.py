"""The forms of the scheme pages: one per kind of row the quality manager edits.

Field names are the model's, so that a refusal of the editing service
(``SchemeValidationError.errors``) lands on the field it is about.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import (
    Commitment,
    ControlFrequency,
    DeadlineRule,
    DelayUnit,
    Indicator,
    Period,
    Requirement,
    TargetUnit,
)
from pacte.core.dates import validate_supported_date
from pacte.core.roles import STAFF_ROLES, Role

STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]
AREA = forms.Textarea(attrs={"rows": 3})


class EditForm(forms.Form):
    """A form over some fields of one row, initialised from the row."""

    def __init__(self, data: Any = None, *, row: Any) -> None:
        super().__init__(data, initial={name: getattr(row, name) for name in self.base_fields})


class CommitmentForm(EditForm):
    title_fr = forms.CharField(label=_("title (French)"), max_length=300)
    title_en = forms.CharField(label=_("title (English)"), max_length=300)
    owner_role = forms.ChoiceField(label=_("owner role"), choices=STAFF_ROLE_CHOICES)
    control_frequency = forms.ChoiceField(
        label=_("control frequency"), choices=ControlFrequency.choices
    )
    active = forms.BooleanField(label=_("active"), required=False)


class RequirementForm(EditForm):
    text_fr = forms.CharField(label=_("text (French)"), widget=AREA)
    text_en = forms.CharField(label=_("text (English)"), widget=AREA)


class IndicatorForm(EditForm):
    title_fr = forms.CharField(label=_("title (French)"), max_length=300)
    title_en = forms.CharField(label=_("title (English)"), max_length=300)
    population = forms.CharField(label=_("population"), widget=AREA)
    success_rule = forms.CharField(label=_("success rule"), widget=AREA)
    period = forms.ChoiceField(label=_("period"), choices=Period.choices)
    target = forms.DecimalField(label=_("target"), max_digits=6, decimal_places=2)
    unit = forms.ChoiceField(label=_("unit"), choices=TargetUnit.choices)
    target_is_maximum = forms.BooleanField(label=_("target is a maximum"), required=False)


class RuleForm(EditForm):
    delay_value = forms.IntegerField(label=_("delay"), min_value=0)
    delay_unit = forms.ChoiceField(label=_("unit"), choices=DelayUnit.choices)


class ActivateForm(forms.Form):
    valid_from = forms.DateField(
        label=_("valid from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_supported_date],
    )


FORMS: dict[type[Any], type[EditForm]] = {
    Commitment: CommitmentForm,
    Requirement: RequirementForm,
    Indicator: IndicatorForm,
    DeadlineRule: RuleForm,
}
