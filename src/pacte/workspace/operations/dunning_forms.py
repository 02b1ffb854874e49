"""The dunning pages' forms (T4.3)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.core.vocabulary import Channel
from pacte.customers.models import LineStatus
from pacte.operations.dunning import RegularisationMeans
from pacte.workspace.common.forms import WorkspaceForm

CONTACT_CHANNELS = [
    (choice, label)
    for choice, label in Channel.choices
    if choice in {Channel.PHONE, Channel.EMAIL, Channel.LETTER, Channel.WEB, Channel.CHAT}
]


class ContactForm(WorkspaceForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=CONTACT_CHANNELS)
    content = forms.CharField(
        label=_("What the customer was told"), widget=forms.Textarea(attrs={"rows": 3})
    )
    means = forms.MultipleChoiceField(
        label=_("Means to regularise given"),
        choices=RegularisationMeans.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service refuses none, with its own words
    )


class SuspendForm(WorkspaceForm):
    reason = forms.CharField(
        label=_("Reason for the suspension"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(WorkspaceForm):
    file = forms.FileField(label=_("CSV file of unpaid bills"))


class BillFilterForm(WorkspaceForm):
    account = forms.CharField(label=_("Account"), required=False, max_length=32)
    line = forms.CharField(label=_("Line"), required=False, max_length=20)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Unsettled")), ("settled", _("Settled")), ("all", _("All"))],
    )
    line_status = forms.ChoiceField(
        label=_("Line status"), required=False, choices=[("", _("Any")), *LineStatus.choices]
    )


class MonthForm(WorkspaceForm):
    month = forms.RegexField(label=_("Month"), regex=r"^\d{4}-\d{2}$", required=False)
