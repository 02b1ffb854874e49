"""Telephony endpoints: the Erlang C staffing planner (with Erlang A, given a patience).

``POST /api/telephony/staffing/`` computes a plan and stores nothing. Given the
callers' mean patience it also plans every interval by Erlang A. It is for
supervisors, quality managers, auditors and administrators; for anyone else the
endpoint does not exist (404).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.permissions import request_user
from pacte.api.schema import error_responses
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.telephony.erlang_a import ErlangAFigures
from pacte.telephony.errors import TelephonyError
from pacte.telephony.planner import (
    INTERVAL_MINUTES,
    MAX_HANDLE_SECONDS,
    MAX_INTERVALS,
    MAX_PATIENCE_SECONDS,
    MAX_THRESHOLD_SECONDS,
    MIN_OCCUPANCY,
    MIN_PATIENCE_SECONDS,
    ForecastError,
    ForecastInterval,
    StaffingPlan,
    check_patience,
    check_target,
    erlang_a_caveat,
    parse_time,
    plan_staffing,
    staffing_caveat,
)


def require_staffing_user(user: User) -> None:
    """NotFoundError for anyone who does not see every team."""
    if not user.sees_all_cases:
        raise NotFoundError(TelephonyError.NOT_FOUND, "No such page.")


class ForecastIntervalSerializer(serializers.Serializer[Any]):
    start = serializers.CharField(max_length=5, help_text="Start of the interval, HH:MM.")
    arrivals = serializers.FloatField(min_value=0, help_text="Calls forecast in the interval.")
    handle_seconds = serializers.FloatField(
        min_value=0, max_value=MAX_HANDLE_SECONDS, help_text="Average handle time, seconds."
    )

    def validate_start(self, value: str) -> str:
        try:
            parse_time(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error
        return value


class StaffingRequestSerializer(serializers.Serializer[Any]):
    interval_minutes = serializers.ChoiceField(
        choices=INTERVAL_MINUTES, help_text="Length of every interval: 15, 30 or 60."
    )
    service_level_target = serializers.FloatField(
        min_value=0,
        max_value=1,
        help_text="Share of calls to answer within the threshold, above 0 and below 1 (0.8).",
    )
    threshold_seconds = serializers.FloatField(
        min_value=0, max_value=MAX_THRESHOLD_SECONDS, help_text="The threshold, seconds (20)."
    )
    max_occupancy = serializers.FloatField(
        min_value=MIN_OCCUPANCY,
        max_value=1,
        required=False,
        allow_null=True,
        help_text="Optional cap on agent occupancy, 0.5 to 1 (0.85).",
    )
    patience_seconds = serializers.FloatField(
        min_value=MIN_PATIENCE_SECONDS,
        max_value=MAX_PATIENCE_SECONDS,
        required=False,
        allow_null=True,
        help_text="Optional mean patience of the callers, seconds (1 to 3600): adds Erlang A.",
    )
    intervals = serializers.ListField(
        child=ForecastIntervalSerializer(),
        min_length=1,
        max_length=MAX_INTERVALS,
        help_text="The forecast, one item per interval (any order, each start once).",
    )


class ErlangAIntervalSerializer(serializers.Serializer[Any]):
    agents = serializers.IntegerField(help_text="Agents required by Erlang A.")
    service_level = serializers.FloatField(
        help_text="Share of all callers answered within the threshold (abandons count as not)."
    )
    probability_of_waiting = serializers.FloatField()
    probability_of_abandoning = serializers.FloatField()
    average_wait_seconds = serializers.FloatField(
        help_text="Mean time in queue of all callers, answered or not."
    )
    occupancy = serializers.FloatField()


class StaffingIntervalSerializer(serializers.Serializer[Any]):
    start = serializers.CharField(help_text="HH:MM.")
    arrivals = serializers.FloatField()
    handle_seconds = serializers.FloatField()
    traffic_erlangs = serializers.FloatField()
    agents = serializers.IntegerField(help_text="Agents required (raw, before shrinkage).")
    service_level = serializers.FloatField(help_text="Share answered within the threshold.")
    probability_of_waiting = serializers.FloatField()
    average_speed_of_answer_seconds = serializers.FloatField()
    occupancy = serializers.FloatField()
    erlang_a = ErlangAIntervalSerializer(
        allow_null=True, help_text="Erlang A's figures; null without a patience."
    )


class StaffingPlanSerializer(serializers.Serializer[Any]):
    interval_minutes = serializers.IntegerField()
    service_level_target = serializers.FloatField()
    threshold_seconds = serializers.FloatField()
    max_occupancy = serializers.FloatField(allow_null=True)
    caveat = serializers.CharField(help_text="Erlang C ignores abandonment: show this with it.")
    peak_agents = serializers.IntegerField()
    agent_hours = serializers.FloatField()
    patience_seconds = serializers.FloatField(allow_null=True)
    erlang_a_caveat = serializers.CharField(
        allow_null=True, help_text="What Erlang A assumes; null without a patience."
    )
    peak_agents_erlang_a = serializers.IntegerField(allow_null=True)
    agent_hours_erlang_a = serializers.FloatField(allow_null=True)
    intervals = StaffingIntervalSerializer(many=True, help_text="In time order.")


def erlang_a_data(figures: ErlangAFigures | None) -> dict[str, Any] | None:
    """One interval's Erlang A figures as plain data; None without a patience."""
    if figures is None:
        return None
    return {
        "agents": figures.agents,
        "service_level": figures.service_level,
        "probability_of_waiting": figures.probability_of_waiting,
        "probability_of_abandoning": figures.probability_of_abandoning,
        "average_wait_seconds": figures.average_wait_seconds,
        "occupancy": figures.occupancy,
    }


def plan_data(plan: StaffingPlan) -> dict[str, Any]:
    """The plan as the response's plain data."""
    erlang_a: list[ErlangAFigures | None] = [*plan.erlang_a] or [None] * len(plan.rows)
    return {
        "interval_minutes": plan.interval_minutes,
        "service_level_target": plan.target.service_level,
        "threshold_seconds": plan.target.threshold_seconds,
        "max_occupancy": plan.target.max_occupancy,
        "caveat": staffing_caveat(),
        "peak_agents": plan.peak_agents,
        "agent_hours": plan.agent_hours,
        "patience_seconds": plan.patience_seconds,
        "erlang_a_caveat": None if plan.patience_seconds is None else erlang_a_caveat(),
        "peak_agents_erlang_a": plan.peak_agents_erlang_a,
        "agent_hours_erlang_a": plan.agent_hours_erlang_a,
        "intervals": [
            {
                "start": row.forecast.starts_at.strftime("%H:%M"),
                "arrivals": row.forecast.arrivals,
                "handle_seconds": row.forecast.handle_seconds,
                "traffic_erlangs": row.figures.traffic_erlangs,
                "agents": row.figures.agents,
                "service_level": row.figures.service_level,
                "probability_of_waiting": row.figures.probability_of_waiting,
                "average_speed_of_answer_seconds": row.figures.average_speed_of_answer_seconds,
                "occupancy": row.figures.occupancy,
                "erlang_a": erlang_a_data(figures),
            }
            for row, figures in zip(plan.rows, erlang_a, strict=True)
        ],
    }


def _plan(data: dict[str, Any]) -> StaffingPlan:
    try:
        target = check_target(
            service_level=data["service_level_target"],
            threshold_seconds=data["threshold_seconds"],
            max_occupancy=data.get("max_occupancy"),
        )
        intervals = [
            ForecastInterval(
                start=parse_time(item["start"]),
                arrivals=item["arrivals"],
                handle_seconds=item["handle_seconds"],
            )
            for item in data["intervals"]
        ]
        return plan_staffing(
            intervals=intervals,
            interval_minutes=data["interval_minutes"],
            target=target,
            patience_seconds=check_patience(data.get("patience_seconds")),
        )
    except ForecastError as error:
        if error.index is None:
            raise serializers.ValidationError(error.reason) from error
        raise serializers.ValidationError(
            {"intervals": {str(error.index): [error.reason]}}
        ) from error


class StaffingPlanView(APIView):
    """The agents required per interval by Erlang C (and Erlang A), with caveats; stores nothing."""

    @extend_schema(
        operation_id="telephony_staffing_plan",
        request=StaffingRequestSerializer,
        responses={200: StaffingPlanSerializer, **error_responses(400, 401, 404)},
    )
    def post(self, request: Request) -> Response:
        require_staffing_user(request_user(request))
        body = StaffingRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(StaffingPlanSerializer(plan_data(_plan(body.validated_data))).data)
