"""The seals of closed months: their state, and a full check on request.

- ``GET /api/compliance/seals/``: per closing, whether its stored figures still give its
  seal (checked now, cheaply) and the outcome of its latest full check (``verify_seals``,
  run after every closing and nightly): ``publishable`` is what the public page and the
  results endpoint go by.
- ``POST /api/compliance/seals/``: queue a full check of every closing (or one scheme's)
  for the worker; 202 with the task's id. The outcomes then show in the GET.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.compliance_reads import (
    ClosingSerializer,
    SchemeQuerySerializer,
    errors,
    parsed,
    reader,
)
from pacte.compliance.models import MonthClosing
from pacte.compliance.publication import closings_integrity, latest_verifications
from pacte.compliance.tasks import seal_verify_task
from pacte.compliance.verification import seal_holds


class SealStateSerializer(serializers.Serializer[Any]):
    closing = ClosingSerializer()
    seal_format = serializers.IntegerField(help_text="2: figures, verdicts and trail digests.")
    seal_holds = serializers.BooleanField(
        allow_null=True,
        help_text="The stored figures and digests give the stored seal (checked now); "
        "null for format 1, which only a full check can tell.",
    )
    checked_at = serializers.DateTimeField(
        allow_null=True, help_text="When the latest full check ran; null: never."
    )
    ok = serializers.BooleanField(allow_null=True, help_text="The latest full check held.")
    problems = serializers.ListField(
        child=serializers.CharField(), help_text="What the latest full check found."
    )
    publishable = serializers.BooleanField(
        help_text="The figures are shown (public page, results); else under verification."
    )


class QueuedSerializer(serializers.Serializer[Any]):
    task = serializers.CharField(help_text="The queued check's id.")


def _problem_text(problem: dict[str, str]) -> str:
    return problem.get("problem") or problem.get("detail") or ""


class SealsView(APIView):
    """The state of every closing's seal; a full check on request."""

    @extend_schema(
        operation_id="compliance_seals",
        parameters=[SchemeQuerySerializer],
        responses={200: SealStateSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        reader(request)
        params = parsed(SchemeQuerySerializer, request.query_params)
        closings = MonthClosing.objects.select_related("scheme_version__scheme", "closed_by")
        if params.get("scheme"):
            closings = closings.filter(scheme__code=params["scheme"])
        ordered = list(closings.order_by("scheme__code", "year", "month", "closed_at", "pk"))
        latest = latest_verifications(closings=ordered)
        integrity = closings_integrity(closings=ordered)
        body = []
        for closing in ordered:
            check = latest.get(closing.pk)
            body.append(
                {
                    "closing": closing,
                    "seal_format": closing.seal_format,
                    "seal_holds": seal_holds(closing),
                    "checked_at": check.checked_at if check else None,
                    "ok": check.ok if check else None,
                    "problems": [_problem_text(p) for p in check.problems] if check else [],
                    "publishable": integrity[closing.pk].verified,
                }
            )
        return Response(SealStateSerializer(body, many=True).data)

    @extend_schema(
        operation_id="compliance_seals_check",
        request=None,
        parameters=[SchemeQuerySerializer],
        responses={202: QueuedSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request) -> Response:
        reader(request)
        params = parsed(SchemeQuerySerializer, request.query_params)
        result = seal_verify_task.enqueue(scheme_code=params.get("scheme"))
        return Response({"task": str(result.id)}, status=status.HTTP_202_ACCEPTED)
