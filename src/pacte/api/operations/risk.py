"""Risk and fraud measures on a line (T4.2, docs/operations-risk.md): take one on a
line, lift one, and list those in force and those lifted in a month.

A measure without a written motive is refused (400, ``risk_motive_required``); a
measure lifted twice is a conflict (409, ``risk_measure_already_lifted``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.errors import ApiError
from pacte.api.common.fields import ChannelField
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.cases.errors import CaseError
from pacte.cases.models import Case
from pacte.cases.selectors import access_case
from pacte.compliance.periods import month_bounds, parse_month
from pacte.core import clock
from pacte.core.errors import ForbiddenError, NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.core.vocabulary import Channel
from pacte.customers.models import Line
from pacte.operations.errors import OperationError
from pacte.operations.risk import MeasureKind, risk_measure_lift, risk_measure_take
from pacte.operations.risk_selectors import MeasureRow, risk_measure_row, risk_overview


class TakeSerializer(serializers.Serializer[Any]):
    measure = serializers.ChoiceField(choices=MeasureKind.choices)
    motive = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        trim_whitespace=False,
        help_text="The written motive of the measure (required: refused when empty).",
    )
    channel = ChannelField(
        required=False, default=Channel.PHONE, help_text="The channel of the measure's case."
    )


class LiftSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        trim_whitespace=False,
        help_text="Why the measure is lifted (required: refused when empty).",
    )
    unfounded = serializers.BooleanField(
        help_text="Lifted as unfounded: the measure was a false positive (T4.2-b)."
    )


class MonthSerializer(serializers.Serializer[Any]):
    month = serializers.RegexField(
        r"^\d{4}-\d{2}$",
        required=False,
        help_text="YYYY-MM: the month of the lifts listed (default: this month).",
    )


class MeasureSerializer(serializers.Serializer[Any]):
    case_id = serializers.IntegerField(source="case.pk")
    reference = serializers.CharField(source="case.reference")
    measure = serializers.ChoiceField(choices=MeasureKind.choices)
    line = serializers.IntegerField(source="line_id", allow_null=True)
    msisdn = serializers.CharField()
    motive = serializers.CharField(allow_blank=True)
    taken_at = serializers.DateTimeField()
    taken_by = serializers.CharField(allow_blank=True)
    lifted_at = serializers.DateTimeField(allow_null=True)
    lifted_by = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    unfounded = serializers.BooleanField(allow_null=True)


class OverviewSerializer(serializers.Serializer[Any]):
    month = serializers.CharField()
    in_force_count = serializers.IntegerField()
    in_force = MeasureSerializer(many=True)
    lifted = MeasureSerializer(many=True)
    lifted_unfounded = serializers.IntegerField()
    false_positive_share = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


def _require_measurer(user: User) -> None:
    require(
        user,
        Action.RISK_MEASURE,
        ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not take or lift measures."),
    )


def _measure(case: Case) -> dict[str, Any]:
    row: MeasureRow | None = risk_measure_row(case)
    if row is None:
        raise NotFoundError(CaseError.NOT_FOUND, "No such measure.")
    return dict(MeasureSerializer(row).data)


class LineRiskMeasureView(APIView):
    """Take a risk or fraud measure on a line (supervisors, administrators)."""

    @extend_schema(
        operation_id="line_risk_measures_create",
        request=TakeSerializer,
        responses={201: MeasureSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, line_id: int) -> Response:
        user = request_user(request)
        _require_measurer(user)
        line = Line.objects.filter(pk=line_id).first()
        if line is None:
            raise NotFoundError(OperationError.NO_LINE, f"No line {line_id}.")
        body = TakeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        case = risk_measure_take(
            line=line,
            measure=data["measure"],
            motive=data["motive"],
            actor=user,
            channel=Channel(data["channel"]),
        )
        return Response(_measure(case), status=status.HTTP_201_CREATED)


def _case_of(user: User, reference: str) -> Case:
    text = reference.upper().removeprefix("P")
    if not text.isdigit() or len(text) > 12:
        raise NotFoundError(CaseError.NOT_FOUND, "No such case.")
    return access_case(user=user, case_id=int(text))


class RiskMeasureLiftView(APIView):
    """Lift a measure, with the reason and whether it was unfounded (a false positive)."""

    @extend_schema(
        operation_id="risk_measures_lift",
        request=LiftSerializer,
        responses={200: MeasureSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        user = request_user(request)
        case = _case_of(user, reference)
        _require_measurer(user)
        body = LiftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        risk_measure_lift(case=case, reason=data["reason"], unfounded=data["unfounded"], actor=user)
        return Response(_measure(case))


class RiskMeasureListView(APIView):
    """The measures in force, and those lifted in a month with the share lifted as
    unfounded (T4.2-R2). For roles that read every team's cases."""

    @extend_schema(
        operation_id="risk_measures_list",
        parameters=[MonthSerializer],
        responses={200: OverviewSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        require(
            user,
            Action.CASE_READ_ALL,
            ForbiddenError(ApiError.TEAM_NOT_ALLOWED, "Your role does not read every team."),
        )
        query = MonthSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        today = timezone.localtime(clock.now())
        month = query.validated_data.get("month") or f"{today.year:04d}-{today.month:02d}"
        year, number = parse_month(month)
        start, end = month_bounds(
            year=year, month=number, zone=timezone.get_current_timezone_name()
        )
        overview = risk_overview(start=start, end=end)
        payload = {
            "month": month,
            "in_force_count": overview.in_force_count,
            "in_force": overview.in_force,
            "lifted": overview.lifted,
            "lifted_unfounded": len(overview.unfounded),
            "false_positive_share": overview.false_positive_share,
        }
        return Response(OverviewSerializer(payload).data)
