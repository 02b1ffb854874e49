"""A letter to register: its scan, stamp, sender and case (multipart)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import SupportedDateField
from pacte.cases.models import Motive, Team
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import Customer

LETTER_KINDS = [kind.value for kind in CaseKind if kind != CaseKind.OPERATION]


class LetterCreateSerializer(serializers.Serializer[Any]):
    received_on = SupportedDateField(help_text="Date stamped on receipt (YYYY-MM-DD).")
    scan = serializers.FileField(help_text="The scanned letter: PDF, PNG, JPEG, TIFF or GIF.")
    customer_reference = serializers.CharField(
        required=False, allow_blank=True, max_length=32, help_text="An existing customer."
    )
    sender_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    sender_address = serializers.CharField(
        required=False, allow_blank=True, help_text="Postal address of a new sender."
    )
    sender_email = serializers.EmailField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=LETTER_KINDS)
    motive = serializers.SlugRelatedField(slug_field="code", queryset=Motive.objects.all())
    subject = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    team = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Team.objects.select_related("site__calendar"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Team code; default: the letters' channel route.",
    )

    def validate_customer_reference(self, value: str) -> Customer | None:
        if not value.strip():
            return None
        customer = Customer.objects.filter(reference__iexact=value.strip()).first()
        if customer is None:
            raise serializers.ValidationError("No customer has this number.")
        return customer
