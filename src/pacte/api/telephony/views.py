"""Telephony endpoints: the staffing planner, a day's measures, ACD/IVR events in and
estimated wait out.

- ``POST /api/telephony/staffing/`` computes an Erlang C plan and stores nothing.
  Given the callers' mean patience it also plans every interval by Erlang A. It is
  for supervisors, quality managers, auditors and administrators; for anyone else the
  endpoint does not exist (404).
- ``GET /api/telephony/measures/``: a day's telephone measures per queue and interval,
  for the same readers (anyone else: 404). ``date`` (YYYY-MM-DD, a day in the site
  time zone) is required; ``interval`` is 15, 30 or 60 (default 15); ``queue`` names
  one queue. A bad parameter is a 400 naming it. Shares are fractions; a figure with
  nothing to divide by is ``null`` (no data), never 0.
- ``POST /api/telephony/events/`` records one event or a list of them (at most
  ``MAX_EVENTS``), all or nothing: a refused event (its index and field named in the
  400 body) rolls the whole batch back. Replaying events is safe: an event equal to a
  stored one is reported ``duplicate`` and changes nothing. Needs the
  ``telephony.add_callevent`` permission (the ACD/IVR integration account) or the
  administrator role; 403 otherwise.
- ``GET /api/telephony/queues/<name>/wait-estimate/?callid=…`` gives the wait to
  announce and stores it with the call (T1.3). Needs ``telephony.view_callqueue`` or
  the administrator role; 403 otherwise, 404 for an unknown queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.parsers import EventsJSONParser
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.telephony.inputs import (
    CallEventInputSerializer,
    EstimateQuerySerializer,
    MeasuresQuerySerializer,
    StaffingRequestSerializer,
)
from pacte.api.telephony.serializers import (
    CallEventBatchSerializer,
    MeasuresSerializer,
    StaffingPlanSerializer,
    WaitEstimateSerializer,
    estimate_data,
    measures_data,
    plan_data,
)
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError, error_texts
from pacte.core.models import User
from pacte.core.permissions import GRANTS, Action, require
from pacte.telephony.call_event_input import CallEventCode, CallEventError, event_input
from pacte.telephony.call_events import Recorded, RecordStatus, call_event_apply
from pacte.telephony.errors import TelephonyError
from pacte.telephony.estimates import access_call_queue, wait_estimate_give
from pacte.telephony.measures import INTERVAL_MINUTES, queue_measures
from pacte.telephony.planner import (
    ForecastError,
    ForecastInterval,
    StaffingPlan,
    check_patience,
    check_target,
    parse_time,
    plan_staffing,
)


def require_staffing_user(user: User) -> None:
    """NotFoundError for anyone who does not see every team."""
    require(user, Action.STAFFING, NotFoundError(TelephonyError.NOT_FOUND, "No such page."))


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


class TelephonyMeasuresView(APIView):
    """A day's measures per queue and interval, each queue's day and the total."""

    @extend_schema(
        operation_id="telephony_measures",
        parameters=[
            OpenApiParameter("date", str, required=True, description="YYYY-MM-DD (site day)."),
            OpenApiParameter("interval", int, enum=list(INTERVAL_MINUTES)),
            OpenApiParameter("queue", str, description="Limit to the queue of this name."),
        ],
        responses={200: MeasuresSerializer, **error_responses(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        require_staffing_user(request_user(request))
        query = MeasuresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        measures = queue_measures(
            day=data["date"], interval_minutes=data["interval"], queue=data.get("queue")
        )
        return Response(MeasuresSerializer(measures_data(measures)).data)


MAX_EVENTS = 1000


class TelephonyApiError(StrEnum):
    EVENTS_NOT_ALLOWED = "events_not_allowed"
    ESTIMATE_NOT_ALLOWED = "estimate_not_allowed"


def require_permission(user: User, action: Action, code: TelephonyApiError) -> None:
    """Administrators and holders of the action's Django permission pass (the table in
    pacte.core.permissions); ForbiddenError for anyone else."""
    permission = GRANTS[action].permission
    require(user, action, ForbiddenError(code, f"This needs the “{permission}” permission."))


def _items(body: Any) -> Sequence[Any]:
    items = body if isinstance(body, list) else [body]
    if not items:
        raise PacteError(CallEventCode.INVALID, "Send one event or a non-empty list of events.")
    if len(items) > MAX_EVENTS:
        raise PacteError(CallEventCode.INVALID, f"Send at most {MAX_EVENTS} events at once.")
    return items


def _refusal(index: int, error: CallEventError) -> Response:
    body = {
        "code": str(error.code),
        "detail": f"Event {index}, {error.field}: {error.reason}",
        "index": index,
        "field": error.field,
    }
    return Response(body, status=error.status_code)


def _result(index: int, recorded: Recorded, kind: str, callid: str) -> dict[str, Any]:
    event_id = recorded.event.pk if recorded.event is not None else None
    return {
        "index": index,
        "callid": callid,
        "kind": kind,
        "status": str(recorded.status),
        "event_id": event_id,
    }


class CallEventsView(APIView):
    """Record ACD/IVR events (one object or a list), all or nothing."""

    parser_classes = (EventsJSONParser,)  # event_input checks the text, naming the field

    @extend_schema(
        operation_id="telephony_events_record",
        request=CallEventInputSerializer(many=True),
        responses={
            200: CallEventBatchSerializer,
            201: CallEventBatchSerializer,
            **error_responses(400, 401, 403),
        },
        description="One event object or a list of them. 201 when at least one event was "
        "new, 200 when all were replays.",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        require_permission(user, Action.CALL_EVENTS, TelephonyApiError.EVENTS_NOT_ALLOWED)
        items = _items(request.data)
        checked = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                return _refusal(
                    index, CallEventError(CallEventCode.INVALID, "event", "not an object.")
                )
            try:
                checked.append(
                    event_input(
                        callid=item.get("callid"),
                        kind=item.get("kind"),
                        at=item.get("at"),
                        data=item.get("data"),
                    )
                )
            except CallEventError as error:
                return _refusal(index, error)
        results: list[dict[str, Any]] = []
        try:
            with transaction.atomic():
                for index, event in enumerate(checked):
                    recorded = call_event_apply(event, actor=user)
                    results.append(_result(index, recorded, str(event.kind), event.callid))
        except CallEventError as error:
            return _refusal(len(results), error)
        new = sum(1 for r in results if r["status"] == RecordStatus.RECORDED)
        duplicates = sum(1 for r in results if r["status"] != RecordStatus.RECORDED)
        body = {"recorded": new, "duplicates": duplicates, "results": results}
        return Response(body, status=status.HTTP_201_CREATED if new else status.HTTP_200_OK)


class WaitEstimateView(APIView):
    """The wait to announce in a queue, for a waiting caller (stored) or a newcomer."""

    @extend_schema(
        operation_id="telephony_wait_estimate",
        parameters=[
            OpenApiParameter(
                "callid",
                OpenApiTypes.STR,
                required=False,
                description="The caller's call id: their position, and the figure is kept.",
            )
        ],
        responses={200: WaitEstimateSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, name: str) -> Response:
        require_permission(
            request_user(request), Action.CALL_ESTIMATE, TelephonyApiError.ESTIMATE_NOT_ALLOWED
        )
        query = EstimateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queue = access_call_queue(name=name)
        given = wait_estimate_give(queue=queue, callid=query.validated_data.get("callid", ""))
        return Response(WaitEstimateSerializer(estimate_data(given)).data)


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        TelephonyApiError.EVENTS_NOT_ALLOWED: gettext_lazy("You may not send call events."),
        TelephonyApiError.ESTIMATE_NOT_ALLOWED: gettext_lazy("You may not ask wait estimates."),
    }
)
