"""The non-conformity endpoints' inputs: the list's filters and each step's body."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import MonthField, SupportedDateField
from pacte.api.nonconformities.serializers import StatusField
from pacte.nonconformities.models import Source


class ListFilterSerializer(serializers.Serializer[Any]):
    status = StatusField(required=False)
    scheme = serializers.SlugField(required=False)
    overdue = serializers.BooleanField(required=False, default=False)


class RaiseSerializer(serializers.Serializer[Any]):
    source = serializers.ChoiceField(choices=Source.choices)  # type: ignore[assignment]
    scheme = serializers.SlugField(help_text="The scheme code; its active version is used.")
    month = MonthField(help_text="The month concerned, YYYY-MM.")
    indicator = serializers.CharField(
        required=False, default="", help_text="Required for a missed target."
    )
    commitment = serializers.CharField(
        required=False, default="", help_text="Required for an audit finding."
    )
    title = serializers.CharField(required=False, default="", max_length=200)
    description = serializers.CharField(required=False, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["source"] == Source.MISSED_TARGET and not attrs["indicator"]:
            raise serializers.ValidationError({"indicator": ["Required for a missed target."]})
        if attrs["source"] == Source.AUDIT_FINDING and not attrs["commitment"]:
            raise serializers.ValidationError({"commitment": ["Required for an audit finding."]})
        return attrs


class CauseSerializer(serializers.Serializer[Any]):
    cause = serializers.CharField()


class PlanSerializer(serializers.Serializer[Any]):
    description = serializers.CharField()
    owner = serializers.CharField(help_text="Username of a supervisor or quality manager.")
    due_on = SupportedDateField()
    check_month = MonthField(help_text="YYYY-MM, after the non-conformity's month.")


class NoteSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, default="", allow_blank=True)


class CheckInputSerializer(NoteSerializer):
    effective = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Audit findings only."
    )


class ReasonSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField()
