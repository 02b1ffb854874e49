"""What a customer does on their own case through the API, as on the portal: add a
message (or answer a question) and rate an answer. Staff and integrations answer
through ``answer/``: these endpoints are the customer's (403 for anyone else); a case
the caller does not see, or not their own, is a 404."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.cases.serializers import EventSerializer
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.cases.customer_actions import MAX_COMMENT, MAX_SCORE, MIN_SCORE, case_rate_answer
from pacte.cases.selectors import access_case
from pacte.core.permissions import Action, require
from pacte.intake.portal import portal_follow_up

MAX_MESSAGE = 20000


class MessageSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=MAX_MESSAGE, help_text="What the customer adds.")


class RatingSerializer(serializers.Serializer[Any]):
    answer_event = serializers.IntegerField(
        min_value=1, help_text="The id of the ANSWERED event rated (`data.answer_event`)."
    )
    score = serializers.IntegerField(min_value=MIN_SCORE, max_value=MAX_SCORE)
    comment = serializers.CharField(max_length=MAX_COMMENT, required=False, default="")


class CaseMessageView(APIView):
    """Add a message to your own case: a customer-message event on the web channel,
    received now; it changes neither the status nor the deadlines."""

    @extend_schema(
        operation_id="cases_messages_create",
        request=MessageSerializer,
        responses={201: EventSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        require(user, Action.CASE_OPEN_OWN)
        body = MessageSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        event = portal_follow_up(user=user, case=case, body=body.validated_data["body"])
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


class CaseRatingView(APIView):
    """Rate one answer of your own case (1 to 5, an optional comment), once: a RATED
    event with data ``{"score", "answer_event"}``; 409 if the answer is rated already."""

    @extend_schema(
        operation_id="cases_ratings_create",
        request=RatingSerializer,
        responses={201: EventSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        require(user, Action.CASE_OPEN_OWN)
        body = RatingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        event = case_rate_answer(
            case=case,
            actor=user,
            answer_event_id=data["answer_event"],
            score=data["score"],
            comment=data["comment"],
        )
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)
