"""The payment forms (T4.4): shapes only, ``operations.payments`` decides."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.core.errors import PacteError
from pacte.customers.models import Account
from pacte.operations.payments import payment_amount
from pacte.workspace.common.forms import WorkspaceForm


class PaymentForm(WorkspaceForm):
    account = forms.CharField(label=_("Account number"), max_length=32)
    reference = forms.CharField(label=_("Payment reference"), max_length=64)
    amount = forms.CharField(
        label=_("Amount"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("A decimal comma or point, at most two decimals."),
    )
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_amount(self) -> Decimal:
        try:
            return payment_amount(self.cleaned_data["amount"])
        except PacteError as error:
            raise forms.ValidationError(error.text) from error

    def clean_account(self) -> Account:
        number = self.cleaned_data["account"].strip()
        account = Account.objects.filter(number=number).first()
        if account is None:
            raise forms.ValidationError(_("No account numbered “%(number)s”.") % {"number": number})
        return account


class PaymentsImportForm(WorkspaceForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: account, reference, amount, paid_on (YYYY-MM-DD or DD/MM/YYYY)."),
    )
