"""The evidence page's form: the scheme, month, sample size and seed of a pack to build."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.commitments.selectors import schemes_with_active_version
from pacte.compliance.periods import parse_month
from pacte.core.dates import FIRST_YEAR, LAST_YEAR
from pacte.core.errors import PacteError
from pacte.evidence.models import MAX_SAMPLE_SIZE, MAX_SEED


class PackRequestForm(forms.Form):
    use_required_attribute = False

    scheme = forms.ChoiceField(label=_("Scheme"))
    month = forms.CharField(
        label=_("Month"), widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})
    )
    size = forms.IntegerField(
        label=_("Items per indicator"), min_value=1, max_value=MAX_SAMPLE_SIZE
    )
    seed = forms.IntegerField(
        label=_("Seed (optional)"),
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text=_("Leave empty to draw one; the seed is printed on the pack."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = schemes_with_active_version()
        field = self.fields["scheme"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - narrows the type
        field.choices = [(code, code) for code in codes.values_list("code", flat=True)]

    def clean_month(self) -> tuple[int, int]:
        try:
            return parse_month(self.cleaned_data["month"])
        except PacteError as error:
            raise forms.ValidationError(
                _("Enter a month as YYYY-MM, between the years %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            ) from error
