"""The scheme endpoints' response bodies: schemes, versions and their trees, edit results."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import CaseKindField, ChannelField
from pacte.commitments.models import Commitment, DeadlineRule, Indicator, Requirement, SchemeVersion


class VersionSummarySerializer(serializers.ModelSerializer[SchemeVersion]):
    scheme = serializers.CharField(source="scheme.code", read_only=True)
    # A plain string: as an enum it would collide with the case's ``status`` choices.
    status = serializers.CharField(read_only=True, help_text="draft, active or retired.")
    used = serializers.BooleanField(
        read_only=True, help_text="Results (closings, clocks, evidence) used this version."
    )

    class Meta:
        model = SchemeVersion
        fields = ("scheme", "number", "status", "valid_from", "notes", "used")
        read_only_fields = fields


class SchemeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    title_fr = serializers.CharField()
    title_en = serializers.CharField()
    versions = VersionSummarySerializer(many=True)


class RequirementSerializer(serializers.ModelSerializer[Requirement]):
    class Meta:
        model = Requirement
        fields = ("code", "text_fr", "text_en")
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = (
            "code",
            "computation",
            "title_fr",
            "title_en",
            "population",
            "success_rule",
            "period",
            "target",
            "target_is_maximum",
            "unit",
        )
        read_only_fields = fields


class DeadlineRuleSerializer(serializers.ModelSerializer[DeadlineRule]):
    channel = ChannelField(read_only=True, allow_null=True, help_text="null: any channel.")
    kind = CaseKindField(read_only=True, allow_null=True, help_text="null: any kind of case.")

    class Meta:
        model = DeadlineRule
        fields = (
            "channel",
            "kind",
            "exclude_billing",
            "fraud_victim_only",
            "delay_value",
            "delay_unit",
        )
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer[Commitment]):
    requirements = RequirementSerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    deadline_rules = DeadlineRuleSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = (
            "code",
            "title_fr",
            "title_en",
            "owner_role",
            "control_frequency",
            "active",
            "requirements",
            "indicators",
            "deadline_rules",
        )
        read_only_fields = fields


class DomainSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField(source="domain.number")
    title_fr = serializers.CharField(source="domain.title_fr")
    title_en = serializers.CharField(source="domain.title_en")
    commitments = CommitmentSerializer(many=True)


class VersionTreeSerializer(serializers.Serializer[Any]):
    version = VersionSummarySerializer()
    domains = DomainSerializer(many=True)


class EditResultSerializer(serializers.Serializer[Any]):
    scheme = serializers.CharField(help_text="The scheme's code.")
    version = serializers.IntegerField(help_text="The version the change landed in.")
    copied_from = serializers.IntegerField(
        allow_null=True,
        help_text="The version that results used, copied into the new draft; null in place.",
    )
    changes = serializers.DictField(
        child=serializers.JSONField(), help_text="Each changed field: before and after."
    )
