"""The mediator's forms on the case pages: the referral, the recommendation, its
application (level 3, docs/mediation.md). Shapes only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.core.vocabulary import Channel
from pacte.workspace.common.forms import WorkspaceForm

YES, NO = "yes", "no"


class ReferForm(WorkspaceForm):
    channel = forms.ChoiceField(label=_("How the referral came"), choices=Channel.choices)
    body = forms.CharField(
        label=_("What the customer or the mediator wrote"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class CustomerReferForm(WorkspaceForm):
    body = forms.CharField(
        label=_("Your message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class RecommendationForm(WorkspaceForm):
    body = forms.CharField(
        label=_("The mediator's recommendation"), widget=forms.Textarea(attrs={"rows": 4})
    )
    accepted = forms.ChoiceField(
        label=_("Accepted"),
        choices=((YES, _("Yes: to be applied within 1 month")), (NO, _("No"))),
        widget=forms.RadioSelect,
    )


class AppliedForm(WorkspaceForm):
    body = forms.CharField(
        label=_("What was done to apply it"), widget=forms.Textarea(attrs={"rows": 3})
    )
