"""The compliance pages' forms: the reason for reopening a closed month."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2}), strip=True
    )
