"""The scheme endpoints' request bodies: partial edits (unknown fields refused), activation."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import SupportedDateField
from pacte.commitments.errors import CommitmentError
from pacte.commitments.models import ControlFrequency, Period, TargetUnit
from pacte.core.errors import PacteError
from pacte.core.roles import STAFF_ROLES, Role


class StrictSerializer(serializers.Serializer[Any]):
    """A partial update: only the fields sent; an unknown field is refused."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise PacteError(
                CommitmentError.FIELD_NOT_EDITABLE,
                f"Not editable here: {', '.join(unknown)}.",
                fields=", ".join(unknown),
            )
        return attrs


class IndicatorPatchSerializer(StrictSerializer):
    title_fr = serializers.CharField(required=False, allow_blank=True, max_length=300)
    title_en = serializers.CharField(required=False, allow_blank=True, max_length=300)
    population = serializers.CharField(required=False, allow_blank=True)
    success_rule = serializers.CharField(required=False, allow_blank=True)
    period = serializers.ChoiceField(choices=Period.choices, required=False)
    target = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    target_is_maximum = serializers.BooleanField(required=False)
    unit = serializers.ChoiceField(choices=TargetUnit.choices, required=False)


STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]


class CommitmentPatchSerializer(StrictSerializer):
    title_fr = serializers.CharField(required=False, allow_blank=True, max_length=300)
    title_en = serializers.CharField(required=False, allow_blank=True, max_length=300)
    owner_role = serializers.ChoiceField(choices=STAFF_ROLE_CHOICES, required=False)
    control_frequency = serializers.ChoiceField(choices=ControlFrequency.choices, required=False)
    active = serializers.BooleanField(required=False)


class ActivateSerializer(serializers.Serializer[Any]):
    valid_from = SupportedDateField(help_text="The first day the version applies.")
