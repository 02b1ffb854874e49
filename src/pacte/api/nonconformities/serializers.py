"""Non-conformity serializers: the list and detail bodies (the inputs are in ``inputs``).

Statuses are documented by their values, not as enum components.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacte.core.models import User
from pacte.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    EffectivenessCheck,
    NonConformity,
    NonConformityEvent,
    Status,
)


@extend_schema_field(
    {"type": "string", "description": "One of: " + ", ".join(str(v) for v in Status.values)}
)
class StatusField(serializers.ChoiceField):
    """A non-conformity's status; documented by its values, not as an enum component
    (a case's ``status`` is another choice set and the generator would rename both)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Status.choices, **kwargs)


@extend_schema_field(
    {"type": "string", "description": "One of: " + ", ".join(str(v) for v in ActionStatus.values)}
)
class ActionStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ActionStatus.choices, **kwargs)


class _Username(serializers.SlugRelatedField[User]):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="username", read_only=True, **kwargs)


class NCActionSerializer(serializers.ModelSerializer[CorrectiveAction]):
    owner = _Username()
    status = ActionStatusField(read_only=True)
    check_month = serializers.CharField(source="check_label", read_only=True)

    class Meta:
        model = CorrectiveAction
        fields = ("id", "description", "owner", "due_on", "status", "done_at", "check_month")
        read_only_fields = fields


class NCCheckSerializer(serializers.ModelSerializer[EffectivenessCheck]):
    month = serializers.CharField(source="label", read_only=True)
    checked_by = _Username()

    class Meta:
        model = EffectivenessCheck
        fields = (
            "month",
            "effective",
            "rate",
            "target",
            "numerator",
            "denominator",
            "figures_source",
            "checked_by",
            "checked_at",
            "note",
        )
        read_only_fields = fields


class NCEventSerializer(serializers.ModelSerializer[NonConformityEvent]):
    actor = _Username()

    class Meta:
        model = NonConformityEvent
        fields = ("kind", "at", "actor", "note", "details")
        read_only_fields = fields


class NonConformitySerializer(serializers.ModelSerializer[NonConformity]):
    scheme = serializers.CharField(source="scheme.code", read_only=True)
    month = serializers.CharField(source="label", read_only=True)
    commitment = serializers.CharField(source="commitment_code", read_only=True)
    indicator = serializers.CharField(source="indicator_code", read_only=True)
    raised_by = _Username()
    status = StatusField(read_only=True)

    class Meta:
        model = NonConformity
        fields: tuple[str, ...] = (
            "id",
            "reference",
            "scheme",
            "month",
            "commitment",
            "indicator",
            "source",
            "status",
            "title",
            "rate",
            "target",
            "target_is_maximum",
            "numerator",
            "denominator",
            "figures_source",
            "raised_by",
            "raised_at",
            "closed_at",
        )
        read_only_fields = fields


class NonConformitySummarySerializer(NonConformitySerializer):
    overdue_actions = serializers.IntegerField(source="overdue_count", read_only=True)
    next_due = serializers.DateField(read_only=True, allow_null=True)

    class Meta(NonConformitySerializer.Meta):
        fields = (*NonConformitySerializer.Meta.fields, "overdue_actions", "next_due")
        read_only_fields = fields


class NonConformityDetailSerializer(NonConformitySerializer):
    scheme_version = serializers.IntegerField(source="scheme_version.number", read_only=True)
    actions = NCActionSerializer(many=True, read_only=True)
    checks = NCCheckSerializer(many=True, read_only=True)
    events = NCEventSerializer(many=True, read_only=True)

    class Meta(NonConformitySerializer.Meta):
        fields = (
            *NonConformitySerializer.Meta.fields,
            "scheme_version",
            "description",
            "cause",
            "actions",
            "checks",
            "events",
        )
        read_only_fields = fields


class NonConformityPageSerializer(serializers.Serializer[Any]):
    results = NonConformitySummarySerializer(many=True)
