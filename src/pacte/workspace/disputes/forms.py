"""The bill-dispute forms: shapes only; ``complaints.disputes`` decides the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.cases.bills import MAX_INVOICE
from pacte.core.dates import validate_supported_date
from pacte.workspace.common.forms import WorkspaceForm

YES, NO = "yes", "no"


class AssessmentForm(WorkspaceForm):
    proven = forms.ChoiceField(
        label=_("Is the dispute proven?"),
        choices=[(YES, _("Yes, proven")), (NO, _("No, not proven"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    invoice = forms.CharField(label=_("Invoice number"), required=False, max_length=MAX_INVOICE)
    amount = forms.CharField(
        label=_("Disputed amount, in euros"),
        required=False,
        max_length=32,
        help_text=_("For example 12,50."),
    )


class CorrectionForm(WorkspaceForm):
    amount = forms.CharField(
        label=_("Amount corrected or credited, in euros"),
        max_length=32,
        help_text=_("For example 12,50."),
    )
    reference = forms.CharField(label=_("Reference of the correction or credit"), max_length=64)
    issued_on = forms.DateField(
        label=_("Issued on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_supported_date],
    )
