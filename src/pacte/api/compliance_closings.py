"""The compliance closing endpoints: close a month, follow the job, reopen, compare.

Readers as for ``compliance_reads`` (anyone else gets a 404). Only the quality
manager closes and reopens (the services' rule: 403 for the other readers). Closing
runs in the worker: POST answers 202 with the job to poll. Comparing recomputes the
closed month now and never rewrites its snapshot.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from pacte.api.compliance_reads import (
    ClosingSerializer,
    ComplianceApiError,
    MonthQuerySerializer,
    SchemeQuerySerializer,
    active_version,
    errors,
    parsed,
    reader,
)
from pacte.api.errors import ConflictError
from pacte.compliance.closing import month_reopen
from pacte.compliance.comparison import month_compare
from pacte.compliance.errors import ComplianceError
from pacte.compliance.models import MonthClosing
from pacte.compliance.publication import (
    ClosingTaskState,
    PublicationError,
    closing_enqueue,
    closing_task_state,
)
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError

CONFLICTS = frozenset(
    {
        ComplianceError.MONTH_ALREADY_CLOSED,
        ComplianceError.CLOSING_NOT_CLOSED,
        PublicationError.IN_PROGRESS,
    }
)


def conflict_aware(error: PacteError) -> PacteError:
    """A "not in this state" refusal as a 409, others as they are."""
    return ConflictError(error.code, error.message) if error.code in CONFLICTS else error


# -- serializers -------------------------------------------------------------------------


class CloseInputSerializer(MonthQuerySerializer):
    pass


class ReopenInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(allow_blank=True, trim_whitespace=False)


class ClosingTaskSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    status = serializers.CharField(help_text="READY, RUNNING, SUCCESSFUL or FAILED.")
    month = serializers.CharField(source="label")
    closing = serializers.IntegerField(source="closing_id", allow_null=True)
    seal = serializers.CharField()
    code = serializers.CharField(help_text="Why the closing was refused; empty otherwise.")
    detail = serializers.CharField()


class FigureChangeSerializer(serializers.Serializer[Any]):
    indicator_code = serializers.CharField()
    before = serializers.DictField(allow_null=True)
    after = serializers.DictField(allow_null=True)


class VerdictChangeSerializer(serializers.Serializer[Any]):
    indicator_code = serializers.CharField()
    item_kind = serializers.CharField()
    item_id = serializers.IntegerField()
    case_id = serializers.IntegerField(allow_null=True)
    verdict_before = serializers.CharField()
    reason_before = serializers.CharField()
    verdict_after = serializers.CharField()
    reason_after = serializers.CharField()


class ComparisonSerializer(serializers.Serializer[Any]):
    closing = serializers.IntegerField(source="closing.pk")
    compared_at = serializers.DateTimeField()
    unchanged = serializers.BooleanField()
    figures = FigureChangeSerializer(many=True)
    verdicts = VerdictChangeSerializer(many=True)


# -- views -------------------------------------------------------------------------------


class ClosingCollectionView(APIView):
    """The closings of a scheme (every status), or queue the closing of a month."""

    @extend_schema(
        operation_id="compliance_closings_list",
        parameters=[SchemeQuerySerializer],
        responses={200: ClosingSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        reader(request)
        params = parsed(SchemeQuerySerializer, request.query_params)
        closings = MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        if "scheme" in params:
            closings = closings.filter(scheme__code=params["scheme"])
        ordered = closings.order_by("scheme__code", "-year", "-month", "-closed_at", "-pk")
        return Response(ClosingSerializer(ordered, many=True).data)

    @extend_schema(
        operation_id="compliance_closings_create",
        request=CloseInputSerializer,
        responses={202: ClosingTaskSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        user = reader(request)
        params = parsed(CloseInputSerializer, request.data)
        (year, month), version = params["month"], active_version(params["scheme"])
        try:
            task_id = closing_enqueue(scheme_version=version, year=year, month=month, actor=user)
        except PacteError as error:
            raise conflict_aware(error) from error
        state = closing_task_state(task_id=task_id)
        headers = {"Location": reverse("api-compliance-closing-task", args=[task_id])}
        return Response(
            ClosingTaskSerializer(state).data, status=status.HTTP_202_ACCEPTED, headers=headers
        )


class ClosingTaskView(APIView):
    """Where a queued closing stands: READY, RUNNING, then SUCCESSFUL (with the closing
    or the refusal's code) or FAILED."""

    @extend_schema(
        operation_id="compliance_closing_task",
        responses={200: ClosingTaskSerializer, **errors(401, 404)},
    )
    def get(self, request: Request, task_id: str) -> Response:
        reader(request)
        state: ClosingTaskState = closing_task_state(task_id=task_id)
        return Response(ClosingTaskSerializer(state).data)


def access_closing(pk: int) -> MonthClosing:
    closing = (
        MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if closing is None:
        raise NotFoundError(ComplianceApiError.NOT_FOUND, "No such closing.")
    return closing


class ClosingReopenView(APIView):
    """Reopen a closed month (quality manager, with a reason); the snapshot is kept."""

    @extend_schema(
        operation_id="compliance_closings_reopen",
        request=ReopenInputSerializer,
        responses={200: ClosingSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, closing_id: int) -> Response:
        user = reader(request)
        closing = access_closing(closing_id)
        reason = parsed(ReopenInputSerializer, request.data)["reason"]
        try:
            month_reopen(closing=closing, actor=user, reason=reason)
        except PacteError as error:
            raise conflict_aware(error) from error
        return Response(ClosingSerializer(closing).data)


class ClosingCompareView(APIView):
    """Recompute the closed month now and list what differs from its snapshot."""

    @extend_schema(
        operation_id="compliance_closings_compare",
        request=None,
        responses={200: ComparisonSerializer, **errors(401, 404)},
    )
    def post(self, request: Request, closing_id: int) -> Response:
        reader(request)
        comparison = month_compare(closing=access_closing(closing_id), now=clock.now())
        body = {
            "closing": comparison.closing,
            "compared_at": comparison.compared_at,
            "unchanged": comparison.unchanged,
            "figures": [asdict(change) for change in comparison.figures],
            "verdicts": [asdict(change) for change in comparison.verdicts],
        }
        return Response(ComparisonSerializer(body).data)
