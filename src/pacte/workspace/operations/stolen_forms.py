"""The stolen-or-lost-phone forms: shapes only, the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.core.vocabulary import Channel
from pacte.customers.models import Line
from pacte.operations.identity import IdentityMethod
from pacte.operations.stolen import LostOrStolen
from pacte.workspace.common.forms import WorkspaceForm


def line_choices(lines: list[Line]) -> list[tuple[str, str]]:
    return [(str(line.pk), f"{line.msisdn} · {line.get_status_display()}") for line in lines]


class DeclareForm(WorkspaceForm):
    """A customer's phone declared lost or stolen: which line, and which of the two."""

    line = forms.ChoiceField(label=_("Line"), widget=forms.RadioSelect)
    lost_or_stolen = forms.ChoiceField(
        label=_("The phone was"),
        choices=LostOrStolen.choices,
        widget=forms.RadioSelect,
        initial=LostOrStolen.STOLEN,
    )

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        line_field = cast(forms.ChoiceField, self.fields["line"])
        line_field.choices = line_choices(lines)
        if len(lines) == 1:
            line_field.initial = str(lines[0].pk)


class StaffDeclareForm(DeclareForm):
    """An agent declares for a caller: also how the declaration came in."""

    customer_reference = forms.CharField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("Came in by"), choices=Channel.choices, initial=Channel.PHONE
    )


class IdentityForm(WorkspaceForm):
    """The caller's identity checked before an unblocking."""

    method = forms.ChoiceField(label=_("Identity checked by"), choices=IdentityMethod.choices)
    questions = forms.CharField(
        label=_("Questions asked (one a line, never the answers)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def question_list(self) -> list[str]:
        return str(self.cleaned_data.get("questions") or "").splitlines()


class UnblockForm(WorkspaceForm):
    reason = forms.CharField(
        label=_("Why the line is unblocked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
