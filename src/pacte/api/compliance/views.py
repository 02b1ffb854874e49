"""The compliance endpoints: monthly results and per-item verdicts, closings, seals.

Supervisors, quality managers, auditors and administrators read; anyone else gets a
404 (the endpoints do not exist for them). A closed month is read from its sealed
snapshot. Only the quality manager closes and reopens (the services' rule: 403 for the
other readers). Closing runs in the worker: POST answers 202 with the job to poll.
Comparing recomputes the closed month now and never rewrites its snapshot.

- ``GET /api/compliance/seals/``: per closing, whether its stored figures still give its
  seal (checked now, cheaply) and the outcome of its latest full check (``verify_seals``,
  run after every closing and nightly): ``publishable`` is what the public page and the
  results endpoint go by.
- ``POST /api/compliance/seals/``: queue a full check of every closing (or one scheme's)
  for the worker; 202 with the task's id. The outcomes then show in the GET.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from pacte.api.common.errors import ApiError, ConflictError
from pacte.api.common.schema import ErrorSerializer
from pacte.api.compliance.inputs import (
    CloseInputSerializer,
    MonthQuerySerializer,
    ReopenInputSerializer,
    SchemeQuerySerializer,
    VerdictQuerySerializer,
)
from pacte.api.compliance.reads import (
    access_closing,
    active_version,
    closed_closing,
    live_items,
    reader,
    sealed_items,
)
from pacte.api.compliance.serializers import (
    ClosingSerializer,
    ClosingTaskSerializer,
    ComparisonSerializer,
    MonthResultsSerializer,
    QueuedSerializer,
    SealStateSerializer,
    VerdictPageSerializer,
)
from pacte.compliance.closing import month_reopen
from pacte.compliance.comparison import month_compare
from pacte.compliance.errors import ComplianceError
from pacte.compliance.indicators.base import Reason
from pacte.compliance.publication import (
    ClosingTaskState,
    PublicationError,
    closing_enqueue,
    closing_task_state,
    closings_integrity,
    latest_verifications,
)
from pacte.compliance.selectors import closings_of, month_results
from pacte.compliance.tasks import seal_verify_task
from pacte.compliance.verification import seal_holds
from pacte.core import clock
from pacte.core.errors import PacteError

ERRORS = {
    400: "Invalid input (e.g. a malformed month), or refused by a business rule (see `code`).",
    401: "Not authenticated: send `Authorization: Token <key>` or a session cookie.",
    403: "Only a quality manager may close or reopen a month.",
    404: "No such scheme, indicator, closing or job; or compliance is not for your role.",
    409: "The month is already closed or being closed, or the closing is not closed any more.",
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=ERRORS[code]) for code in statuses}


def parsed(serializer_class: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


CONFLICTS = frozenset(
    {
        ComplianceError.MONTH_ALREADY_CLOSED,
        ComplianceError.CLOSING_NOT_CLOSED,
        PublicationError.IN_PROGRESS,
    }
)


def conflict_aware(error: PacteError) -> PacteError:
    """A "not in this state" refusal as a 409, others as they are."""
    return (
        ConflictError(error.code, error.message, **error.params)
        if error.code in CONFLICTS
        else error
    )


def decode_cursor(text: str, *, source: str) -> int:
    try:
        kind, _, value = (
            base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode().partition(":")
        )
        position = int(value)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise PacteError(ApiError.CURSOR_INVALID, "This cursor is not valid.") from error
    if kind != source:
        raise PacteError(ApiError.CURSOR_INVALID, "This cursor belongs to another listing.")
    return position


def encode_cursor(*, source: str, position: int) -> str:
    return base64.urlsafe_b64encode(f"{source}:{position}".encode()).decode().rstrip("=")


def reason_text(code: str) -> str:
    return str(Reason(code).label) if code in Reason.values else code


class ResultsView(APIView):
    """One month's result per indicator; the sealed figures when the month is closed."""

    @extend_schema(
        operation_id="compliance_results",
        parameters=[MonthQuerySerializer],
        responses={200: MonthResultsSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        reader(request)
        params = parsed(MonthQuerySerializer, request.query_params)
        (year, month), version = params["month"], active_version(params["scheme"])
        closing = closed_closing(version=version, year=year, month=month)
        if closing is not None:
            integrity = closings_integrity(closings=[closing])[closing.pk]
            body: dict[str, Any] = {
                "version": closing.scheme_version.number,
                "status": "closed" if integrity.verified else "under_verification",
                "closing": closing,
                "integrity": integrity,
                "results": closing.results if integrity.verified else [],
            }
        else:
            live = month_results(scheme_version=version, year=year, month=month, now=clock.now())
            body = {
                "version": version.number,
                "status": "open",
                "closing": None,
                "integrity": None,
                "results": live,
            }
        body |= {"scheme": version.scheme.code, "month": f"{year:04d}-{month:02d}"}
        return Response(MonthResultsSerializer(body).data)


class IndicatorVerdictsView(APIView):
    """The items behind one indicator's figure, a cursor page at a time (sealed if closed)."""

    @extend_schema(
        operation_id="compliance_indicator_verdicts",
        parameters=[VerdictQuerySerializer],
        responses={200: VerdictPageSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        reader(request)
        params = parsed(VerdictQuerySerializer, request.query_params)
        (year, month), version = params["month"], active_version(params["scheme"])
        closing = closed_closing(version=version, year=year, month=month)
        source = "live" if closing is None else "sealed"
        after = decode_cursor(params["cursor"], source=source) if "cursor" in params else None
        size, verdict = params["page_size"], params.get("verdict")
        if closing is None:
            rows = live_items(version=version, code=code, year=year, month=month, verdict=verdict)
            key = "item_id"
        else:
            rows = sealed_items(closing=closing, code=code, verdict=verdict)
            key = "position"
        if after is not None:
            rows = rows.filter(**{f"{key}__gt": after})
        fetched = list(rows.order_by(key)[: size + 1])
        next_url = None
        if len(fetched) > size:
            fetched = fetched[:size]
            token = encode_cursor(source=source, position=fetched[-1][key])
            next_url = request.build_absolute_uri(_with_cursor(request, token))
        items = [
            {
                **row,
                "case_id": row.get("case_id", row.get("item_case")),
                "reason": reason_text(row["reason_code"]),
            }
            for row in fetched
        ]
        body = {"basis": source, "next": next_url, "results": items}
        return Response(VerdictPageSerializer(body).data)


def _with_cursor(request: Request, token: str) -> str:
    query = request.query_params.copy()
    query["cursor"] = token
    return f"{request.path}?{query.urlencode()}"


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
        closings = closings_of(scheme_code=params.get("scheme"))
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
        closings = closings_of(scheme_code=params.get("scheme"))
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
