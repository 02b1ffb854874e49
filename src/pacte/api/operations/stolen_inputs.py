"""Request bodies and the answer of the stolen-phone endpoints (T6.4)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import AwareDateTimeField, ChannelField
from pacte.core.vocabulary import Channel
from pacte.operations.stolen import LostOrStolen


class DeclareSerializer(serializers.Serializer[Any]):
    msisdn = serializers.CharField(max_length=20, help_text="The line's number (MSISDN).")
    lost_or_stolen = serializers.ChoiceField(choices=LostOrStolen.choices)
    channel = ChannelField(
        required=False, default=Channel.PHONE, help_text="How it came in (the IVR: phone)."
    )
    at = AwareDateTimeField(
        required=False,
        default=None,
        help_text="When the caller declared it (an integration allowed to date the past, "
        "within the window: the declaration is then late-recorded). Default: now.",
    )


class UnblockSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, help_text="Why the line is unblocked.")


class EmptySerializer(serializers.Serializer[Any]):
    """No field: the block is at the server's clock."""


class StolenPhoneSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    customer_reference = serializers.CharField()
    msisdn = serializers.CharField()
    lost_or_stolen = serializers.CharField()
    status = serializers.CharField(help_text="The case's status.")
    declared_at = serializers.DateTimeField()
    line_blocked_at = serializers.DateTimeField(allow_null=True)
    imei_blocked_at = serializers.DateTimeField(allow_null=True)
    unblocked_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True, help_text="The 1 h deadline in force.")
    blocked_in_time = serializers.BooleanField(
        allow_null=True, help_text="Both blocked by the deadline; null while neither."
    )
