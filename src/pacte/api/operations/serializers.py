"""Bodies of the lines and disclosure endpoints."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.customers.models import Line, LineStatus
from pacte.operations.disclosure import DisclosureWhat
from pacte.operations.identity import IdentityMethod
from pacte.operations.models import LineEvent


class LineSerializer(serializers.ModelSerializer[Line]):
    account = serializers.CharField(source="account.number", read_only=True)
    status = serializers.ChoiceField(choices=LineStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Line
        fields = (
            "id",
            "msisdn",
            "iccid",
            "imei",
            "offer",
            "account",
            "status",
            "status_label",
            "imei_blocked",
        )
        read_only_fields = fields


class CustomerLinesSerializer(serializers.Serializer[Any]):
    customer = serializers.CharField(help_text="The customer number.")
    lines = LineSerializer(many=True)


class LineEventSerializer(serializers.ModelSerializer[LineEvent]):
    status_from = serializers.ChoiceField(choices=LineStatus.choices, read_only=True)
    status_to = serializers.ChoiceField(choices=LineStatus.choices, read_only=True)
    cause = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)
    case = serializers.CharField(source="case.reference", read_only=True, allow_null=True)

    class Meta:
        model = LineEvent
        fields = (
            "at",
            "recorded_at",
            "late_recorded",
            "status_from",
            "status_to",
            "imei_blocked",
            "cause",
            "reason",
            "actor",
            "case",
        )
        read_only_fields = fields

    def get_cause(self, event: LineEvent) -> str | None:
        cause = (event.data or {}).get("cause")
        return str(cause) if cause else None


class LineHistorySerializer(serializers.Serializer[Any]):
    line = LineSerializer()
    history = LineEventSerializer(many=True, help_text="The status changes, oldest first.")


class IdentityCheckInput(serializers.Serializer[Any]):
    method = serializers.ChoiceField(choices=IdentityMethod.choices)
    questions = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        default=list,
        max_length=20,
        help_text="The questions asked (never the answers).",
    )


class DisclosureInput(serializers.Serializer[Any]):
    what = serializers.ChoiceField(choices=DisclosureWhat.choices)
    body = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=2000,
        help_text="A note of what was told.",
    )
