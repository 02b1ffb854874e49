"""Serializers that render responses: cases, their clocks and events, pages."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import CaseKindField, ChannelField, EventKindField
from pacte.cases.models import Case, CaseEvent, Clock
from pacte.core.models import User
from pacte.customers.models import Customer


class ClockSerializer(serializers.ModelSerializer[Clock]):
    commitment = serializers.CharField(source="commitment.code", read_only=True)

    class Meta:
        model = Clock
        fields = (
            "commitment",
            "started_at",
            "due_at",
            "committed_due_at",
            "effective_due_at",
            "met_at",
            "state",
        )
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer[CaseEvent]):
    kind = EventKindField(read_only=True)
    channel = ChannelField(read_only=True, allow_null=True)
    actor: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text="null: the system."
    )

    class Meta:
        model = CaseEvent
        fields = (
            "kind",
            "at",
            "recorded_at",
            "late_recorded",
            "actor",
            "channel",
            "body",
            "data",
            "seq",
            "row_hash",
        )
        read_only_fields = fields


def _code(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


class CaseSummarySerializer(serializers.ModelSerializer[Case]):
    reference = serializers.CharField(read_only=True)
    channel = ChannelField(read_only=True)
    kind = CaseKindField(read_only=True)
    customer: serializers.SlugRelatedField[Customer] = serializers.SlugRelatedField(
        slug_field="reference", read_only=True
    )
    motive = _code()
    team = _code()
    site = _code()
    assignee: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text="null: unassigned."
    )

    class Meta:
        model = Case
        fields: tuple[str, ...] = (
            "id",
            "reference",
            "customer",
            "channel",
            "kind",
            "motive",
            "subject",
            "status",
            "received_at",
            "due_at",
            "team",
            "site",
            "assignee",
        )
        read_only_fields = fields


class CaseDetailSerializer(CaseSummarySerializer):
    distributor = _code(allow_null=True, help_text="null: not raised by a point of sale.")
    clocks = ClockSerializer(many=True, read_only=True, source="clock_list")
    events = EventSerializer(many=True, read_only=True, source="event_list")

    class Meta(CaseSummarySerializer.Meta):
        fields = (
            *CaseSummarySerializer.Meta.fields,
            "description",
            "distributor",
            "created_at",
            "updated_at",
            "clocks",
            "events",
        )
        read_only_fields = fields


class CasePageSerializer(serializers.Serializer[Any]):
    next = serializers.URLField(allow_null=True, help_text="The next page, or null.")
    results = CaseSummarySerializer(many=True)
