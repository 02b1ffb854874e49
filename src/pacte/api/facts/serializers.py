"""The fact endpoints' response bodies: the facts now and their history."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

FACT_VALUE = {
    "oneOf": [{"type": "boolean"}, {"type": "string"}],
    "description": "A flag's true or false, or a choice's code (segment: consumer, professional).",
}


@extend_schema_field(FACT_VALUE)
class FactValueField(serializers.JSONField):
    """A fact's value: a boolean for a flag, a code for a choice."""


class FactChangeSerializer(serializers.Serializer[Any]):
    fact = serializers.CharField(help_text="The fact's code.")
    value = FactValueField(help_text="The value from ``effective_at``.")
    previous = FactValueField(help_text="The value until then.")
    effective_at = serializers.DateTimeField(help_text="The instant the value took effect.")
    recorded_at = serializers.DateTimeField(help_text="The instant the change was recorded.")
    actor = serializers.CharField(allow_null=True, help_text="Username of who recorded it.")
    reason = serializers.CharField()
    late_recorded = serializers.BooleanField(help_text="Took effect before it was recorded.")


class CustomerFactsSerializer(serializers.Serializer[Any]):
    customer = serializers.CharField(help_text="The customer's number.")
    facts = serializers.DictField(
        child=FactValueField(), help_text="Each fact's value now: fraud_victim, segment."
    )
    history = FactChangeSerializer(many=True, help_text="Every change, latest recorded first.")


class MotiveFactsSerializer(serializers.Serializer[Any]):
    motive = serializers.CharField(help_text="The motive's code.")
    facts = serializers.DictField(
        child=FactValueField(), help_text="Each fact's value now: billing."
    )
    history = FactChangeSerializer(many=True, help_text="Every change, latest recorded first.")
