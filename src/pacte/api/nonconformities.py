"""Non-conformity endpoints: list, read, raise, and each step of the lifecycle.

Readers (supervisor, quality manager, auditor, administrator) list and read; anyone
else gets 404 for every endpoint, writes included. The services decide who may write
(403) and what the state allows (409).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.permissions import request_user
from pacte.api.schema import ERROR_DESCRIPTIONS
from pacte.api.serializers import ErrorSerializer
from pacte.core import clock
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.nonconformities import raising, services
from pacte.nonconformities.errors import NonConformityError
from pacte.nonconformities.figures import local_today
from pacte.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    EffectivenessCheck,
    NonConformity,
    NonConformityEvent,
    Source,
    Status,
)
from pacte.nonconformities.selectors import (
    access_action,
    access_nonconformity,
    action_owner,
    active_scheme_version,
    may_read_nonconformities,
    nonconformity_list,
)

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
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


def _month(value: str) -> tuple[int, int]:
    year, month = value.split("-")
    return int(year), int(month)


@extend_schema_field(
    {"type": "string", "description": "One of: " + ", ".join(str(v) for v in Status.values)}
)
class StatusField(serializers.ChoiceField):
    """A non-conformity's status; documented by its values, not as an enum component
    (a case's ``status`` is another choice set and the generator would rename both)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Status.choices, **kwargs)


@extend_schema_field(
    {"type": "string", "description": "One of: " + ", ".join(str(v) for v in ActionStatus.values)}
)
class ActionStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ActionStatus.choices, **kwargs)


class _Username(serializers.SlugRelatedField[User]):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="username", read_only=True, **kwargs)


class NCActionSerializer(serializers.ModelSerializer[CorrectiveAction]):
    owner = _Username()
    status = ActionStatusField(read_only=True)
    check_month = serializers.CharField(source="check_label", read_only=True)

    class Meta:
        model = CorrectiveAction
        fields = ("id", "description", "owner", "due_on", "status", "done_at", "check_month")
        read_only_fields = fields


class NCCheckSerializer(serializers.ModelSerializer[EffectivenessCheck]):
    month = serializers.CharField(source="label", read_only=True)
    checked_by = _Username()

    class Meta:
        model = EffectivenessCheck
        fields = (
            "month",
            "effective",
            "rate",
            "target",
            "numerator",
            "denominator",
            "figures_source",
            "checked_by",
            "checked_at",
            "note",
        )
        read_only_fields = fields


class NCEventSerializer(serializers.ModelSerializer[NonConformityEvent]):
    actor = _Username()

    class Meta:
        model = NonConformityEvent
        fields = ("kind", "at", "actor", "note", "details")
        read_only_fields = fields


class NonConformitySerializer(serializers.ModelSerializer[NonConformity]):
    scheme = serializers.CharField(source="scheme.code", read_only=True)
    month = serializers.CharField(source="label", read_only=True)
    commitment = serializers.CharField(source="commitment_code", read_only=True)
    indicator = serializers.CharField(source="indicator_code", read_only=True)
    raised_by = _Username()
    status = StatusField(read_only=True)

    class Meta:
        model = NonConformity
        fields: tuple[str, ...] = (
            "id",
            "reference",
            "scheme",
            "month",
            "commitment",
            "indicator",
            "source",
            "status",
            "title",
            "rate",
            "target",
            "target_is_maximum",
            "numerator",
            "denominator",
            "figures_source",
            "raised_by",
            "raised_at",
            "closed_at",
        )
        read_only_fields = fields


class NonConformitySummarySerializer(NonConformitySerializer):
    overdue_actions = serializers.IntegerField(source="overdue_count", read_only=True)
    next_due = serializers.DateField(read_only=True, allow_null=True)

    class Meta(NonConformitySerializer.Meta):
        fields = (*NonConformitySerializer.Meta.fields, "overdue_actions", "next_due")
        read_only_fields = fields


class NonConformityDetailSerializer(NonConformitySerializer):
    scheme_version = serializers.IntegerField(source="scheme_version.number", read_only=True)
    actions = NCActionSerializer(many=True, read_only=True)
    checks = NCCheckSerializer(many=True, read_only=True)
    events = NCEventSerializer(many=True, read_only=True)

    class Meta(NonConformitySerializer.Meta):
        fields = (
            *NonConformitySerializer.Meta.fields,
            "scheme_version",
            "description",
            "cause",
            "actions",
            "checks",
            "events",
        )
        read_only_fields = fields


class NonConformityPageSerializer(serializers.Serializer[Any]):
    results = NonConformitySummarySerializer(many=True)


class ListFilterSerializer(serializers.Serializer[Any]):
    status = StatusField(required=False)
    scheme = serializers.SlugField(required=False)
    overdue = serializers.BooleanField(required=False, default=False)


class RaiseSerializer(serializers.Serializer[Any]):
    source = serializers.ChoiceField(choices=Source.choices)  # type: ignore[assignment]
    scheme = serializers.SlugField(help_text="The scheme code; its active version is used.")
    month = serializers.RegexField(MONTH_PATTERN, help_text="The month concerned, YYYY-MM.")
    indicator = serializers.CharField(
        required=False, default="", help_text="Required for a missed target."
    )
    commitment = serializers.CharField(
        required=False, default="", help_text="Required for an audit finding."
    )
    title = serializers.CharField(required=False, default="", max_length=200)
    description = serializers.CharField(required=False, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["source"] == Source.MISSED_TARGET and not attrs["indicator"]:
            raise serializers.ValidationError({"indicator": ["Required for a missed target."]})
        if attrs["source"] == Source.AUDIT_FINDING and not attrs["commitment"]:
            raise serializers.ValidationError({"commitment": ["Required for an audit finding."]})
        return attrs


class CauseSerializer(serializers.Serializer[Any]):
    cause = serializers.CharField()


class PlanSerializer(serializers.Serializer[Any]):
    description = serializers.CharField()
    owner = serializers.CharField(help_text="Username of a supervisor or quality manager.")
    due_on = serializers.DateField()
    check_month = serializers.RegexField(
        MONTH_PATTERN, help_text="YYYY-MM, after the non-conformity's month."
    )


class NoteSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, default="", allow_blank=True)


class CheckInputSerializer(NoteSerializer):
    effective = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Audit findings only."
    )


def _reader(request: Request) -> User:
    """The caller, if they may read non-conformities; 404 for anyone else."""
    user = request_user(request)
    if not may_read_nonconformities(user):
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
        version = active_scheme_version(code=data["scheme"])
        year, month = _month(data["month"])
        common: dict[str, Any] = {
            "scheme_version": version,
            "year": year,
            "month": month,
            "actor": user,
            "now": clock.now(),
            "description": data["description"],
        }
        if data["source"] == Source.MISSED_TARGET:
            raised = raising.nonconformity_raise_missed_target(
                **common, indicator_code=data["indicator"]
            )
        else:
            raised = raising.nonconformity_raise_audit_finding(
                **common,
                commitment_code=data["commitment"],
                indicator_code=data["indicator"],
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
        year, month = _month(data["check_month"])
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


class ReasonSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField()


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
