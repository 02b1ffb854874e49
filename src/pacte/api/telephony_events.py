"""The ACD/IVR endpoints: events in, estimated wait out.

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
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.fields import SupportedDateTimeField
from pacte.api.parsers import EventsJSONParser
from pacte.api.permissions import request_user
from pacte.api.schema import error_responses
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.telephony.call_event_input import CallEventCode, CallEventError, event_input
from pacte.telephony.call_events import Recorded, RecordStatus, call_event_apply
from pacte.telephony.estimates import EstimateGiven, access_call_queue, wait_estimate_give
from pacte.telephony.models import FIELD_LENGTH, CallEventKind

EVENTS_PERMISSION = "telephony.add_callevent"
ESTIMATE_PERMISSION = "telephony.view_callqueue"
MAX_EVENTS = 1000


class TelephonyApiError(StrEnum):
    EVENTS_NOT_ALLOWED = "events_not_allowed"
    ESTIMATE_NOT_ALLOWED = "estimate_not_allowed"


def require_permission(user: User, permission: str, code: TelephonyApiError) -> None:
    """Administrators and holders of ``permission`` pass; ForbiddenError for anyone else."""
    if user.role != Role.ADMINISTRATOR and not user.has_perm(permission):
        raise ForbiddenError(code, f"This needs the “{permission}” permission.")


class CallEventInputSerializer(serializers.Serializer[Any]):
    """For the documentation: the checks are :func:`event_input`'s."""

    callid = serializers.CharField(
        max_length=FIELD_LENGTH, help_text="The ACD's call id (optional for `agents`)."
    )
    kind = serializers.ChoiceField(choices=CallEventKind.choices)
    at = SupportedDateTimeField(help_text="When it happened, with a time zone.")
    data = serializers.JSONField(  # type: ignore[assignment]  # the field is named "data"
        required=False, help_text="The kind's fields (docs/telephony.md); extra ones are kept."
    )


class CallEventResultSerializer(serializers.Serializer[Any]):
    index = serializers.IntegerField()
    callid = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField(help_text="recorded, duplicate (a replay) or stale.")
    event_id = serializers.IntegerField(allow_null=True)


class CallEventBatchSerializer(serializers.Serializer[Any]):
    recorded = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    results = CallEventResultSerializer(many=True)


class WaitEstimateSerializer(serializers.Serializer[Any]):
    queue = serializers.CharField()
    seconds = serializers.IntegerField(allow_null=True, help_text="None: announce no figure.")
    position = serializers.IntegerField(help_text="1 = next to be answered.")
    method = serializers.CharField(help_text="running_average, erlang_c or unknown.")
    waiting = serializers.IntegerField(help_text="Callers waiting in the queue now.")
    agents = serializers.IntegerField(help_text="Agents logged in.")
    handle_seconds = serializers.FloatField(help_text="Average talk time, last 30 minutes.")
    arrivals_per_hour = serializers.FloatField(help_text="Arrival rate, last 30 minutes.")
    announced = serializers.BooleanField(help_text="Stored with the call for T1.3.")


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
        require_permission(user, EVENTS_PERMISSION, TelephonyApiError.EVENTS_NOT_ALLOWED)
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


class EstimateQuerySerializer(serializers.Serializer[Any]):
    callid = serializers.CharField(max_length=FIELD_LENGTH, required=False, allow_blank=True)


def estimate_data(given: EstimateGiven) -> dict[str, Any]:
    """The estimate as the response's plain data."""
    return {
        "queue": given.live.queue.name,
        "seconds": given.estimate.seconds,
        "position": given.estimate.position,
        "method": str(given.estimate.source),
        "waiting": given.live.waiting,
        "agents": given.live.agents,
        "handle_seconds": given.live.handle_seconds,
        "arrivals_per_hour": given.live.arrivals_per_hour,
        "announced": given.announcement is not None,
    }


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
            request_user(request), ESTIMATE_PERMISSION, TelephonyApiError.ESTIMATE_NOT_ALLOWED
        )
        query = EstimateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queue = access_call_queue(name=name)
        given = wait_estimate_give(queue=queue, callid=query.validated_data.get("callid", ""))
        return Response(WaitEstimateSerializer(estimate_data(given)).data)
