"""The evidence-pack request."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import MonthField
from pacte.evidence.models import MAX_SAMPLE_SIZE, MAX_SEED

DEFAULT_SIZE = 20


class EvidencePackRequestSerializer(serializers.Serializer[Any]):
    scheme = serializers.CharField(max_length=32, help_text="Scheme code, e.g. telecom-2004.")
    month = MonthField(help_text="Calendar month, YYYY-MM.")
    size = serializers.IntegerField(
        min_value=1,
        max_value=MAX_SAMPLE_SIZE,
        default=DEFAULT_SIZE,
        help_text="Items sampled per implemented indicator.",
    )
    seed = serializers.IntegerField(
        min_value=0,
        max_value=MAX_SEED,
        required=False,
        allow_null=True,
        help_text="Seed of the draw; omit it to have one drawn (it is printed on the pack).",
    )
