"""The complaint chain's forms: an appeal recorded by an agent, or filed by the customer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.core.vocabulary import Channel
from pacte.workspace.common.forms import WorkspaceForm

# How an appeal reaches an agent: in writing (the chain counts written appeals).
AGENT_APPEAL_CHANNELS = [
    (Channel.LETTER.value, Channel.LETTER.label),
    (Channel.EMAIL.value, Channel.EMAIL.label),
]


class AgentAppealForm(WorkspaceForm):
    channel = forms.ChoiceField(label=_("Received by"), choices=AGENT_APPEAL_CHANNELS)
    body = forms.CharField(
        label=_("What the customer appeals"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CustomerAppealForm(WorkspaceForm):
    body = forms.CharField(
        label=_("Why our answer does not satisfy you"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
