"""The compliance endpoints' query strings and request bodies."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import MonthField
from pacte.compliance.indicators import Verdict

DEFAULT_SCHEME = "telecom-2004"


class MonthQuerySerializer(serializers.Serializer[Any]):
    scheme = serializers.SlugField(default=DEFAULT_SCHEME, help_text="Scheme code.")
    month = MonthField(help_text="Calendar month, YYYY-MM.")


class VerdictQuerySerializer(MonthQuerySerializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices, required=False)
    cursor = serializers.CharField(required=False)
    page_size = serializers.IntegerField(default=50, min_value=1, max_value=500)


class SchemeQuerySerializer(serializers.Serializer[Any]):
    scheme = serializers.SlugField(required=False, help_text="Scheme code; all if absent.")


class CloseInputSerializer(MonthQuerySerializer):
    pass


class ReopenInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(allow_blank=True, trim_whitespace=False)
