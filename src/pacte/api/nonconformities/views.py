"""Non-conformity endpoints: list, read, raise, and each step of the lifecycle.

Readers (supervisor, quality manager, auditor, administrator) list and read; anyone
else gets 404 for every endpoint, writes included. The services decide who may write
(403) and what the state allows (409). The bodies are in ``serializers`` and ``inputs``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.permissions import request_user
from pacte.api.common.schema import ERROR_DESCRIPTIONS, ErrorSerializer
from pacte.api.nonconformities.inputs import (
    CauseSerializer,
    CheckInputSerializer,
    ListFilterSerializer,
    NoteSerializer,
    PlanSerializer,
    RaiseSerializer,
    ReasonSerializer,
)
from pacte.api.nonconformities.serializers import (
    NonConformityDetailSerializer,
    NonConformityPageSerializer,
    NonConformitySummarySerializer,
)
from pacte.core import clock
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.nonconformities import raising, services
from pacte.nonconformities.errors import NonConformityError
from pacte.nonconformities.figures import local_today
from pacte.nonconformities.models import NonConformity, Source
from pacte.nonconformities.selectors import (
    access_action,
    access_nonconformity,
    action_owner,
    nonconformity_list,
)

DESCRIPTIONS = {
    **ERROR_DESCRIPTIONS,
    403: "Your role reads non-conformities but may not do this (see `code`).",
    404: "No such non-conformity or action, or your role has no access to them.",
    409: "Not possible in the current status (e.g. already raised, check month not over).",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """The ``{code, detail}`` error response for each status, described for this resource."""
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=DESCRIPTIONS[code])
        for code in statuses
    }


def _reader(request: Request) -> User:
    """The caller, if they may read non-conformities; 404 for anyone else."""
    user = request_user(request)
    if not may(user, Action.NONCONFORMITY_READ):
        raise NotFoundError(NonConformityError.NOT_FOUND, "No such non-conformity.")
    return user


def _detail(user: User, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    found = access_nonconformity(user=user, nonconformity_id=pk)
    return Response(NonConformityDetailSerializer(found).data, status=code)


class NonConformityCollectionView(APIView):
    """List non-conformities (open first), or raise one."""

    @extend_schema(
        operation_id="nonconformities_list",
        parameters=[ListFilterSerializer],
        responses={200: NonConformityPageSerializer, **error_responses(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        user = _reader(request)
        query = ListFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = nonconformity_list(
            user=user,
            today=local_today(clock.now()),
            status=query.validated_data.get("status", ""),
            scheme_code=query.validated_data.get("scheme", ""),
            overdue_only=query.validated_data["overdue"],
        )
        return Response({"results": NonConformitySummarySerializer(rows, many=True).data})

    @extend_schema(
        operation_id="nonconformities_raise",
        request=RaiseSerializer,
        responses={201: NonConformityDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        user = _reader(request)
        body = RaiseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        year, month = data["month"]
        raised = raising.nonconformity_raise(
            scheme_code=data["scheme"],
            source=Source(data["source"]),
            year=year,
            month=month,
            actor=user,
            now=clock.now(),
            description=data["description"],
            indicator_code=data["indicator"],
            commitment_code=data["commitment"],
            title=data["title"],
        )
        return _detail(user, raised.pk, code=status.HTTP_201_CREATED)


class NonConformityDetailView(APIView):
    """One non-conformity with its actions, checks and event history."""

    @extend_schema(
        operation_id="nonconformities_retrieve",
        responses={200: NonConformityDetailSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, nc_id: int) -> Response:
        return _detail(_reader(request), nc_id)


class _StepView(APIView):
    """One step of the lifecycle: 404 unless a reader, then one service call."""

    serializer_class: type[serializers.Serializer[Any]]

    def perform(self, *, nc: NonConformity, actor: User, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: Request, nc_id: int) -> Response:
        user = _reader(request)
        nc = access_nonconformity(user=user, nonconformity_id=nc_id)
        body = self.serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        self.perform(nc=nc, actor=user, data=body.validated_data)
        return _detail(user, nc.pk)


STEP_RESPONSES = {200: NonConformityDetailSerializer, **error_responses(400, 401, 403, 404, 409)}


class CauseView(_StepView):
    """Record the cause analysis (quality manager)."""

    serializer_class = CauseSerializer

    @extend_schema(
        operation_id="nonconformities_cause", request=CauseSerializer, responses=STEP_RESPONSES
    )
    def post(self, request: Request, nc_id: int) -> Response:
        return super().post(request, nc_id)

    def perform(self, *, nc: NonConformity, actor: User, data: dict[str, Any]) -> None:
        services.nonconformity_record_cause(
            nonconformity=nc, cause=data["cause"], actor=actor, now=clock.now()
        )


class PlanView(_StepView):
    """Plan a corrective action (quality manager)."""

    serializer_class = PlanSerializer

    @extend_schema(
        operation_id="nonconformities_plan_action", request=PlanSerializer, responses=STEP_RESPONSES
    )
    def post(self, request: Request, nc_id: int) -> Response:
        return super().post(request, nc_id)

    def perform(self, *, nc: NonConformity, actor: User, data: dict[str, Any]) -> None:
        year, month = data["check_month"]
        services.corrective_action_plan(
            nonconformity=nc,
            description=data["description"],
            owner=action_owner(username=data["owner"]),
            due_on=data["due_on"],
            check_year=year,
            check_month=month,
            actor=actor,
            now=clock.now(),
        )


class CompleteView(APIView):
    """Mark a corrective action done (its owner or a quality manager)."""

    @extend_schema(
        operation_id="nonconformities_complete_action",
        request=NoteSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request: Request, nc_id: int, action_id: int) -> Response:
        user = _reader(request)
        nc = access_nonconformity(user=user, nonconformity_id=nc_id)
        action = access_action(user=user, nonconformity=nc, action_id=action_id)
        body = NoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.corrective_action_complete(
            action=action, actor=user, now=clock.now(), note=body.validated_data["note"]
        )
        return _detail(user, nc.pk)


class CancelView(APIView):
    """Cancel a planned corrective action, with a reason (quality manager)."""

    @extend_schema(
        operation_id="nonconformities_cancel_action",
        request=ReasonSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request: Request, nc_id: int, action_id: int) -> Response:
        user = _reader(request)
        nc = access_nonconformity(user=user, nonconformity_id=nc_id)
        action = access_action(user=user, nonconformity=nc, action_id=action_id)
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.corrective_action_cancel(
            action=action, actor=user, now=clock.now(), reason=body.validated_data["reason"]
        )
        return _detail(user, nc.pk)


class CheckView(_StepView):
    """Check effectiveness once the check month is over (quality manager)."""

    serializer_class = CheckInputSerializer

    @extend_schema(
        operation_id="nonconformities_check", request=CheckInputSerializer, responses=STEP_RESPONSES
    )
    def post(self, request: Request, nc_id: int) -> Response:
        return super().post(request, nc_id)

    def perform(self, *, nc: NonConformity, actor: User, data: dict[str, Any]) -> None:
        services.nonconformity_check(
            nonconformity=nc,
            actor=actor,
            now=clock.now(),
            effective=data["effective"],
            note=data["note"],
        )


class CloseView(_StepView):
    """Close after an effective check (quality manager)."""

    serializer_class = NoteSerializer

    @extend_schema(
        operation_id="nonconformities_close", request=NoteSerializer, responses=STEP_RESPONSES
    )
    def post(self, request: Request, nc_id: int) -> Response:
        return super().post(request, nc_id)

    def perform(self, *, nc: NonConformity, actor: User, data: dict[str, Any]) -> None:
        services.nonconformity_close(
            nonconformity=nc, actor=actor, now=clock.now(), note=data["note"]
        )
