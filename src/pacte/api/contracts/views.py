"""The contract-acceptance endpoints (T4.7): raise a difficulty, record each notice."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.cases.serializers import CaseDetailSerializer
from pacte.api.cases.views import CaseActionView
from pacte.api.common.errors import ApiError
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.contracts import inputs
from pacte.cases.models import Case
from pacte.cases.selectors import access_case, case_with_trail
from pacte.contracts.errors import ContractError
from pacte.contracts.services import (
    acceptance_notice_impossible,
    acceptance_notice_send,
    acceptance_raise,
)
from pacte.contracts.shops import customer_of_shop, shop_of
from pacte.core.errors import ForbiddenError, NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer


def _customer(user: User, data: dict[str, Any]) -> Customer:
    reference = data["customer_reference"]
    if user.role == Role.DISTRIBUTOR:
        shop = shop_of(user=user, distributor=data["distributor"])
        return customer_of_shop(distributor=shop, reference=reference)
    customer = Customer.objects.filter(reference=reference.strip(), unidentified=False).first()
    if customer is None:
        raise NotFoundError(ContractError.CUSTOMER_NOT_OF_SHOP, "No such customer.")
    return customer


class AcceptanceCaseCollectionView(APIView):
    """Raise a contract-acceptance difficulty: a point of sale for a customer of its shop,
    or an agent (docs/contracts.md)."""

    @extend_schema(
        operation_id="acceptance_cases_create",
        request=inputs.AcceptanceRaiseSerializer,
        responses={201: CaseDetailSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        require(
            user,
            Action.ACCEPTANCE_RAISE,
            ForbiddenError(ApiError.CREATE_NOT_ALLOWED, "Your role may not open cases."),
        )
        body = inputs.AcceptanceRaiseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        case = acceptance_raise(
            customer=_customer(user, data),
            distributor=data["distributor"],
            contract_kind=data["contract_kind"],
            blocking=data["blocking"],
            needed=data["needed"],
            actor=user,
            channel=Channel(data["channel"]),
        )
        detail = CaseDetailSerializer(case_with_trail(case=case, user=user)).data
        return Response(detail, status=status.HTTP_201_CREATED)


class _NoticeView(CaseActionView):
    """A notice on an acceptance case: 404 if unseen, 403 for a role that may not record
    notices, 400 on a case of another kind."""

    def post(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        require(
            user,
            Action.ACCEPTANCE_NOTICE,
            ForbiddenError(ApiError.READ_ONLY, "Your role may read this case but not change it."),
        )
        body = self.serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        case = self.perform(case=case, actor=user, data=body.validated_data)
        return Response(CaseDetailSerializer(case_with_trail(case=case, user=user)).data)


class AcceptanceNoticeView(_NoticeView):
    """Record the notice telling the customer or the distributor what is needed (now;
    by email, Pacte sends it)."""

    serializer_class = inputs.NoticeSerializer

    @extend_schema(
        operation_id="cases_acceptance_notice",
        request=inputs.NoticeSerializer,
        responses={200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        return super().post(request, case_id)

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        acceptance_notice_send(
            case=case,
            party=data["party"],
            channel=Channel(data["channel"]),
            body=data["body"],
            actor=actor,
        )
        return case


class AcceptanceNoticeImpossibleView(_NoticeView):
    """Record why the customer or the distributor cannot be told."""

    serializer_class = inputs.NoticeImpossibleSerializer

    @extend_schema(
        operation_id="cases_acceptance_notice_impossible",
        request=inputs.NoticeImpossibleSerializer,
        responses={200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        return super().post(request, case_id)

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> Case:
        acceptance_notice_impossible(
            case=case, party=data["party"], reason=data["reason"], actor=actor
        )
        return case
