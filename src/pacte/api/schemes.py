"""The commitment-scheme endpoints: read schemes and versions, edit copy-on-write, activate.

Supervisors, quality managers, auditors and administrators read; only the quality
manager changes. Anyone else gets a 404. An edit of a version that results used (or
that is active or retired) lands in a new draft: the response is then a 201 with the
new version's address in ``Location``; an edit in place is a 200.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.fields import CaseKindField, ChannelField, SupportedDateField
from pacte.api.permissions import request_user
from pacte.api.schema import error_responses
from pacte.commitments import editing
from pacte.commitments.catalogue import access_version, scheme_versions, version_tree
from pacte.commitments.errors import CommitmentError
from pacte.commitments.models import (
    Commitment,
    ControlFrequency,
    DeadlineRule,
    Indicator,
    Period,
    Requirement,
    SchemeVersion,
    TargetUnit,
)
from pacte.core.errors import PacteError
from pacte.core.roles import STAFF_ROLES, Role

# --- responses --------------------------------------------------------------------------


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


# --- requests ---------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer[Any]):
    """A partial update: only the fields sent; an unknown field is refused."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise PacteError(
                CommitmentError.FIELD_NOT_EDITABLE, f"Not editable here: {', '.join(unknown)}."
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


# --- views ------------------------------------------------------------------------------


def _version_url(request: Request, version: SchemeVersion) -> str:
    path = reverse("api-scheme-version", args=[version.scheme.code, version.number])
    return request.build_absolute_uri(path)


def _edit_response(request: Request, outcome: editing.EditOutcome) -> Response:
    body = EditResultSerializer(
        {
            "scheme": outcome.version.scheme.code,
            "version": outcome.version.number,
            "copied_from": outcome.copied_from.number if outcome.copied_from else None,
            "changes": outcome.changes,
        }
    ).data
    if outcome.copied:
        headers = {"Location": _version_url(request, outcome.version)}
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)
    return Response(body)


class SchemeListView(APIView):
    """Every scheme with its versions: status, valid from, whether results used it."""

    @extend_schema(
        operation_id="schemes_list",
        responses={200: SchemeSerializer(many=True), **error_responses(401, 404)},
    )
    def get(self, request: Request) -> Response:
        schemes: dict[str, dict[str, Any]] = {}
        for version in scheme_versions(user=request_user(request)):
            scheme = version.scheme
            entry = schemes.setdefault(
                scheme.code,
                {
                    "code": scheme.code,
                    "title_fr": scheme.title_fr,
                    "title_en": scheme.title_en,
                    "versions": [],
                },
            )
            entry["versions"].append(version)
        return Response(SchemeSerializer(list(schemes.values()), many=True).data)


class SchemeVersionView(APIView):
    """One version's whole tree: domains, commitments, requirements, indicators, rules."""

    @extend_schema(
        operation_id="schemes_version_retrieve",
        responses={200: VersionTreeSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, code: str, number: int) -> Response:
        version = access_version(user=request_user(request), scheme_code=code, number=number)
        tree = {"version": version, "domains": version_tree(version=version)}
        return Response(VersionTreeSerializer(tree).data)


class IndicatorEditView(APIView):
    """Change an indicator (quality manager); copy-on-write."""

    @extend_schema(
        operation_id="schemes_indicator_update",
        request=IndicatorPatchSerializer,
        responses={
            200: EditResultSerializer,
            201: EditResultSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def patch(self, request: Request, code: str, number: int, indicator: str) -> Response:
        user = request_user(request)
        version = access_version(user=user, scheme_code=code, number=number)
        body = IndicatorPatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = editing.indicator_edit(
            version=version, code=indicator, actor=user, changes=body.validated_data
        )
        return _edit_response(request, outcome)


class CommitmentEditView(APIView):
    """Change a commitment (quality manager); copy-on-write."""

    @extend_schema(
        operation_id="schemes_commitment_update",
        request=CommitmentPatchSerializer,
        responses={
            200: EditResultSerializer,
            201: EditResultSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def patch(self, request: Request, code: str, number: int, commitment: str) -> Response:
        user = request_user(request)
        version = access_version(user=user, scheme_code=code, number=number)
        body = CommitmentPatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = editing.commitment_edit(
            version=version, code=commitment, actor=user, changes=body.validated_data
        )
        return _edit_response(request, outcome)


class VersionActivateView(APIView):
    """Activate a draft from a date (quality manager); the active version is retired."""

    @extend_schema(
        operation_id="schemes_version_activate",
        request=ActivateSerializer,
        responses={200: VersionSummarySerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, code: str, number: int) -> Response:
        user = request_user(request)
        version = access_version(user=user, scheme_code=code, number=number)
        body = ActivateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        editing.version_activate(
            version=version, actor=user, valid_from=body.validated_data["valid_from"]
        )
        refreshed = access_version(user=user, scheme_code=code, number=number)
        return Response(VersionSummarySerializer(refreshed).data)
