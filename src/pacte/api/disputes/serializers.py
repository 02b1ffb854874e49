"""The bill-dispute endpoints' request bodies (amounts as text: ``12.50`` or ``12,50``)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import SupportedDateField
from pacte.cases.bills import MAX_INVOICE


class AssessmentSerializer(serializers.Serializer[Any]):
    proven = serializers.BooleanField(help_text="Whether the dispute is proven.")
    reason = serializers.CharField(
        allow_blank=True, help_text="Why it is proven or not (required: not blank)."
    )
    invoice = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_INVOICE,
        help_text="The invoice's reference; omitted: the one the dispute was filed with.",
    )
    amount = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=32,
        help_text="The disputed amount (0 or more, at most two decimals; a decimal comma "
        "is accepted); omitted: the one the dispute was filed with.",
    )


class CorrectionSerializer(serializers.Serializer[Any]):
    amount = serializers.CharField(
        max_length=32, help_text="The amount corrected or credited (more than 0)."
    )
    reference = serializers.CharField(
        allow_blank=True, max_length=64, help_text="The correction's or credit note's reference."
    )
    issued_on = SupportedDateField(help_text="When it was issued (not after today).")
