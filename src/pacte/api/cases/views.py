"""The case endpoints: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.cases import inputs
from pacte.api.cases.create import case_create
from pacte.api.cases.serializers import (
    CaseDetailSerializer,
    CasePageSerializer,
    CaseSummarySerializer,
)
from pacte.api.common.idempotency import Outcome, idempotency_key, run_once
from pacte.api.common.pagination import keyset_page
from pacte.api.common.permissions import request_user, require_case_writer
from pacte.api.common.schema import IDEMPOTENCY_KEY, error_responses
from pacte.cases import services
from pacte.cases.models import Case
from pacte.cases.selectors import access_case, access_case_with_trail, case_list, case_with_trail
from pacte.complaints.appeals import appeal_answer
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel


class CaseCollectionView(APIView):
    """List the cases you may see, or open a case (see docs/api.md for who may open what)."""

    @extend_schema(
        operation_id="cases_list",
        parameters=[inputs.CaseFilterSerializer],
        responses={200: CasePageSerializer, **error_responses(400, 401)},
    )
    def get(self, request: Request) -> Response:
        query = inputs.CaseFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        page = keyset_page(
            case_list(user=request_user(request), filters=params),
            request=request,
            ordering=params["ordering"],
            cursor=params.get("cursor"),
            size=params["page_size"],
        )
        results = CaseSummarySerializer(page.rows, many=True).data
        return Response({"next": page.next_url, "results": results})

    @extend_schema(
        operation_id="cases_create",
        request=inputs.CaseCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: CaseDetailSerializer, **error_responses(400, 401, 403, 409, 422)},
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)

        def perform() -> Outcome:
            case = case_create(user=user, raw=request.data)
            body = CaseDetailSerializer(case_with_trail(case=case, user=user)).data
            return Outcome(status=status.HTTP_201_CREATED, body=body)

        key = idempotency_key(request)
        return run_once(user=user, key=key, request=request, perform=perform).response()


class CaseDetailView(APIView):
    """One case with its clocks and the events you may read."""

    @extend_schema(
        operation_id="cases_retrieve",
        responses={200: CaseDetailSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = access_case_with_trail(user=request_user(request), case_id=case_id)
        return Response(CaseDetailSerializer(case).data)


class CaseActionView(APIView):
    """A change to one case: 404 if unseen, 403 if read-only, then one service call.

    The response shows the case after the change, even when the change moved it out
    of the caller's sight (a hand-off to another team).
    """

    serializer_class: type[serializers.Serializer[Any]]

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        raise NotImplementedError

    @extend_schema(
        responses={200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)}
    )
    def post(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        require_case_writer(user=user)
        body = self.serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.perform(case=case, actor=user, data=body.validated_data)
        return Response(CaseDetailSerializer(case_with_trail(case=case, user=user)).data)


class CaseAnswerView(CaseActionView):
    """Record the answer sent to the customer; the first answer stops the case's clocks.
    An appeal's answer gets the mediator notice appended (T6.7), and is refused (403) to
    whoever answered its complaint (T6.6)."""

    serializer_class = inputs.AnswerSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        if case.kind == CaseKind.APPEAL:
            return appeal_answer(
                case=case,
                actor=actor,
                body=data["body"],
                channel=Channel(data["channel"]),
                send=False,
                at=data.get("at"),
            )
        return services.case_answer(
            case=case,
            actor=actor,
            channel=Channel(data["channel"]),
            body=data["body"],
            at=data.get("at"),
        )


class CaseHandOffView(CaseActionView):
    """Pass the case to another team or agent, with a context note for them."""

    serializer_class = inputs.HandOffSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        return services.case_hand_off(
            case=case,
            actor=actor,
            note=data["note"],
            to_team=data.get("to_team"),
            to_assignee=data.get("to_assignee"),
        )


class CaseCommitDeadlineView(CaseActionView):
    """Record a new deadline told to the customer (counts only if told in time)."""

    serializer_class = inputs.CommitDeadlineSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        return services.case_commit_deadline(
            case=case,
            actor=actor,
            new_due_at=data["new_due_at"],
            told_at=data.get("told_at"),
            told_via=Channel(data["told_via"]),
            message=data["message"],
        )


class CaseCloseView(CaseActionView):
    """Close the case; clocks keep their verdicts."""

    serializer_class = inputs.CloseSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        return services.case_close(case=case, actor=actor, reason=data["reason"])


class CaseReopenView(CaseActionView):
    """Reopen a closed case, with the reason."""

    serializer_class = inputs.ReopenSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        return services.case_reopen(case=case, actor=actor, reason=data["reason"])


class CaseMatchCustomerView(CaseActionView):
    """Give a case opened for an unknown sender (an email whose sender could not be
    identified) to the customer who wrote it; 409 if the case's customer is known."""

    serializer_class = inputs.MatchCustomerSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        return services.case_customer_match(case=case, customer=data["customer"], actor=actor)
