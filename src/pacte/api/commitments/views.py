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
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.commitments.inputs import (
    ActivateSerializer,
    CommitmentPatchSerializer,
    IndicatorPatchSerializer,
)
from pacte.api.commitments.serializers import (
    EditResultSerializer,
    SchemeSerializer,
    VersionSummarySerializer,
    VersionTreeSerializer,
)
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.commitments import editing
from pacte.commitments.catalogue import access_version, scheme_versions, version_tree
from pacte.commitments.models import SchemeVersion


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
