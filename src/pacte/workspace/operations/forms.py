"""The forms of the account-data panel: the identity check and a disclosure."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.operations.disclosure import DisclosureWhat
from pacte.operations.identity import IdentityMethod
from pacte.workspace.common.forms import WorkspaceForm

CHECK_PREFIX = "check"
DISCLOSE_PREFIX = "disclose"


class IdentityCheckForm(WorkspaceForm):
    method = forms.ChoiceField(
        label=_("How the identity was checked"), choices=IdentityMethod.choices
    )
    questions = forms.CharField(
        label=_("Questions asked (one a line; never the answers)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def question_list(self) -> list[str]:
        text: str = self.cleaned_data.get("questions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class DisclosureForm(WorkspaceForm):
    what = forms.ChoiceField(label=_("What was told"), choices=DisclosureWhat.choices)
    body = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
