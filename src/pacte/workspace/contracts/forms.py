"""The contract-acceptance and point-of-sale forms: shapes only, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pacte.cases.models import Motive
from pacte.contracts.parties import ContractKind, Party
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer, Distributor
from pacte.workspace.common.forms import WorkspaceForm


def _text(label: Any, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class _Difficulty(WorkspaceForm):
    customer_reference = forms.CharField(label=_("Customer number"), max_length=32)
    contract_kind = forms.ChoiceField(
        label=_("Acceptance blocked for"),
        choices=ContractKind.choices,
        widget=forms.RadioSelect,
        initial=ContractKind.SUBSCRIPTION,
    )
    blocking = _text(_("What blocks the final acceptance"))
    needed = _text(_("What is needed to solve it"))


class StaffAcceptanceForm(_Difficulty):
    """An agent raises a difficulty: any customer, with or without a point of sale."""

    distributor = forms.ModelChoiceField(
        label=_("Point of sale"),
        queryset=Distributor.objects.order_by("code"),
        required=False,
        empty_label=_("(none)"),
    )
    channel = forms.ChoiceField(
        label=_("Came in by"), choices=Channel.choices, initial=Channel.DISTRIBUTOR_HOTLINE
    )
    field_order = ("customer_reference", "distributor", "channel", "contract_kind")

    def clean_customer_reference(self) -> Customer:
        reference = self.cleaned_data["customer_reference"].strip()
        customer = Customer.objects.filter(reference=reference, unidentified=False).first()
        if customer is None:
            raise forms.ValidationError(_("No customer has this number."))
        return customer


class _ShopChoice(WorkspaceForm):
    """The shop a distributor user acts for: asked only of those who work for several."""

    def __init__(self, *args: Any, shops: list[Distributor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(shops) > 1:
            self.fields["distributor"] = forms.ModelChoiceField(
                label=_("Point of sale"),
                queryset=Distributor.objects.filter(pk__in=[shop.pk for shop in shops]),
            )
            self.order_fields(["distributor"])

    def shop(self) -> Distributor | None:
        chosen: Distributor | None = self.cleaned_data.get("distributor")
        return chosen


class ShopAcceptanceForm(_ShopChoice, _Difficulty):
    pass


class ShopRequestForm(_ShopChoice):
    """A subscription or modification request for a customer of the shop."""

    customer_reference = forms.CharField(label=_("Customer number"), max_length=32)
    motive = forms.ModelChoiceField(
        label=_("Motive"), queryset=Motive.objects.order_by("code"), empty_label=None
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    description = _text(_("Request"), rows=5)


class NoticeForm(WorkspaceForm):
    party = forms.ChoiceField(label=_("Party"), choices=Party.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    body = _text(_("What the party was told"), rows=4)


class ImpossibleForm(WorkspaceForm):
    party = forms.ChoiceField(label=_("Party"), choices=Party.choices)
    reason = _text(_("Why the notice cannot be sent"))


class ShopMessageForm(WorkspaceForm):
    body = _text(_("Your answer or more information"), rows=4)
