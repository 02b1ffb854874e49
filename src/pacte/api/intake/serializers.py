"""A registered letter, with its case."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import AwareDateTimeField


class LetterSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    received_on = serializers.DateField()
    received_at = AwareDateTimeField(help_text="Start of the stamped day, site time.")
    sender_name = serializers.CharField()
    customer_reference = serializers.CharField(source="customer.reference")
    case_id = serializers.IntegerField()
    case_reference = serializers.CharField(source="case.reference")
    due_at = AwareDateTimeField(source="case.due_at", allow_null=True)
    scan_content_type = serializers.CharField(source="scan.content_type")
