"""The access page screen's forms: a channel, a service, the bill footer.

Each entry form hands its cleaned data to ``pacte.access.services`` as the service's
data object; the service decides the rules.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from pacte.access import services
from pacte.access.models import ServiceKind
from pacte.core.vocabulary import Channel


class EntryForm(forms.Form):
    label_fr = forms.CharField(label=gettext_lazy("label (French)"), max_length=200)
    label_en = forms.CharField(label=gettext_lazy("label (English)"), max_length=200)
    price_fr = forms.CharField(label=gettext_lazy("price (French)"), max_length=200, required=False)
    price_en = forms.CharField(
        label=gettext_lazy("price (English)"), max_length=200, required=False
    )
    order = forms.IntegerField(label=gettext_lazy("order"), min_value=0, max_value=999, initial=0)
    published = forms.BooleanField(label=gettext_lazy("published"), required=False, initial=True)

    def data_object(self) -> services.ChannelData | services.ServiceData:
        raise NotImplementedError


class ChannelForm(EntryForm):
    kind = forms.ChoiceField(label=gettext_lazy("channel"), choices=Channel.choices)
    address = forms.CharField(
        label=gettext_lazy("number or address"), max_length=300, required=False
    )
    hours_fr = forms.CharField(
        label=gettext_lazy("opening hours (French)"), max_length=300, required=False
    )
    hours_en = forms.CharField(
        label=gettext_lazy("opening hours (English)"), max_length=300, required=False
    )
    field_order = ("kind", "label_fr", "label_en", "address", "hours_fr", "hours_en")

    def data_object(self) -> services.ChannelData:
        return services.ChannelData(**self.cleaned_data)


class ServiceForm(EntryForm):
    kind = forms.ChoiceField(label=gettext_lazy("service"), choices=ServiceKind.choices)
    number = forms.CharField(
        label=gettext_lazy("number or address"), max_length=300, required=False
    )
    description_fr = forms.CharField(
        label=gettext_lazy("description (French)"), required=False, widget=forms.Textarea
    )
    description_en = forms.CharField(
        label=gettext_lazy("description (English)"), required=False, widget=forms.Textarea
    )
    field_order = ("kind", "label_fr", "label_en", "number", "description_fr", "description_en")

    def data_object(self) -> services.ServiceData:
        return services.ServiceData(**self.cleaned_data)


class FooterForm(forms.Form):
    bill_footer_fr = forms.CharField(
        label=gettext_lazy("bill footer (French)"), widget=forms.Textarea, required=False
    )
    bill_footer_en = forms.CharField(
        label=gettext_lazy("bill footer (English)"), widget=forms.Textarea, required=False
    )
