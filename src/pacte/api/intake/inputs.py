"""A letter to register: its scan, stamp, sender and case (multipart)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import SupportedDateField
from pacte.cases.models import Motive, Team
from pacte.core.vocabulary import FILED_KINDS
from pacte.customers.models import Customer

# An appeal is filed from its complaint (POST /api/cases/{id}/appeal/), not as a letter.
LETTER_KINDS = [kind.value for kind in FILED_KINDS]


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

    invoice = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="A bill dispute's invoice number (kept for a bill dispute only).",
    )
    amount = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="A bill dispute's disputed amount: 0 or more, at most two decimals "
        "(12.50 or 12,50; kept for a bill dispute only).",
    )

    def validate_customer_reference(self, value: str) -> Customer | None:
        if not value.strip():
            return None
        customer = Customer.objects.filter(reference__iexact=value.strip()).first()
        if customer is None:
            raise serializers.ValidationError("No customer has this number.")
        return customer
