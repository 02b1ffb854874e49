"""The forms of the SIM-order pages: order one (staff for a customer, a customer for their
own line) and record each step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pacte.core.vocabulary import Channel
from pacte.customers.models import Line
from pacte.workspace.common.forms import WorkspaceForm


class SimOrderForm(WorkspaceForm):
    """A SIM order for one of ``lines`` (the customer's lines)."""

    line = forms.ModelChoiceField(
        label=pgettext_lazy("sim order", "Line"), queryset=Line.objects.none(), empty_label=None
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)
    address = forms.CharField(
        label=_("Send the SIM to"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty to use the customer's postal address."),
    )
    reason = forms.CharField(
        label=_("Why a new SIM"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, lines: Any, staff: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        line_field = self.fields["line"]
        if isinstance(line_field, forms.ModelChoiceField):
            line_field.queryset = lines
        if not staff:
            del self.fields["channel"]


class ShippedForm(WorkspaceForm):
    carrier = forms.CharField(
        label=pgettext_lazy("sim order", "Carrier"), max_length=80, required=False
    )
    tracking = forms.CharField(
        label=pgettext_lazy("sim order", "Tracking reference"), max_length=80, required=False
    )


class DeliveredForm(WorkspaceForm):
    iccid = forms.CharField(
        label=_("New SIM serial (ICCID)"),
        max_length=30,
        required=False,
        help_text=_("18 to 22 digits; written to the line."),
    )


class PreparedForm(WorkspaceForm):
    pass


STEP_FORMS: dict[str, type[WorkspaceForm]] = {
    "prepared": PreparedForm,
    "shipped": ShippedForm,
    "delivered": DeliveredForm,
}
