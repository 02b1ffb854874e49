"""Stolen or lost phones (T6.4): declare (the IVR by the line's number, 24/7, staff, or a
customer for their own line), block the line and the handset, unblock, read the times.

A declaration's reference is its case's (``P00000123``). Who sees one: staff who see
the case, the customer whose case it is, and an integration holding the stolen-phone
permission (the IVR tells the caller the times). Refusals are 4xx with their code.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.errors import ApiError
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.operations.stolen_inputs import (
    DeclareSerializer,
    EmptySerializer,
    StolenPhoneSerializer,
    UnblockSerializer,
)
from pacte.cases.errors import CaseError
from pacte.cases.models import Case, Clock
from pacte.cases.selectors import access_case
from pacte.core.errors import ForbiddenError, NotFoundError
from pacte.core.models import User
from pacte.core.permissions import STOLEN_PERMISSION, Action, require
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line
from pacte.operations.errors import OperationError
from pacte.operations.stolen import (
    imei_block,
    line_block,
    line_unblock,
    stolen_phone_declare,
    stolen_times,
)


def _refuse(user: User, action: Action) -> None:
    require(user, action, ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not do this."))


def _integration(user: User) -> bool:
    return user.role not in Role.values and user.has_perm(STOLEN_PERMISSION)


def stolen_case(*, user: User, reference: str) -> Case:
    """The stolen-phone case ``reference`` if ``user`` may see it (404 otherwise)."""
    digits = reference.removeprefix("P")
    if len(reference) != 9 or not digits.isdigit():
        raise NotFoundError(CaseError.NOT_FOUND, "No such declaration.")
    pk = int(digits)
    if _integration(user):
        case = Case.objects.select_related("customer", "site__calendar").filter(pk=pk).first()
    elif user.role == Role.CUSTOMER:
        case = Case.objects.filter(pk=pk, customer__user=user).select_related("customer").first()
    else:
        case = access_case(user=user, case_id=pk)
    if case is None or case.kind != CaseKind.STOLEN_PHONE:
        raise NotFoundError(CaseError.NOT_FOUND, "No such declaration.")
    return case


def stolen_data(case: Case) -> dict[str, Any]:
    times = stolen_times(case)
    clock = Clock.objects.filter(case=case).order_by("-pk").first()
    due_at = clock.effective_due_at if clock is not None else None
    done = times.blocked_at
    return {
        "reference": case.reference,
        "customer_reference": case.customer.reference,
        "msisdn": times.msisdn,
        "lost_or_stolen": times.lost_or_stolen,
        "status": case.status,
        "declared_at": times.declared_at,
        "line_blocked_at": times.line_blocked_at,
        "imei_blocked_at": times.imei_blocked_at,
        "unblocked_at": times.unblocked_at,
        "due_at": due_at,
        "blocked_in_time": None if done is None or due_at is None else done <= due_at,
    }


def _answer(case: Case, code: int = status.HTTP_200_OK) -> Response:
    case.refresh_from_db()
    return Response(StolenPhoneSerializer(stolen_data(case)).data, status=code)


class StolenPhoneCollectionView(APIView):
    """Declare a phone lost or stolen by its line's number (the IVR, 24/7)."""

    @extend_schema(
        operation_id="stolen_phones_create",
        request=DeclareSerializer,
        responses={201: StolenPhoneSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        require(
            user,
            Action.STOLEN_DECLARE,
            ForbiddenError(ApiError.CREATE_NOT_ALLOWED, "Your role may not declare."),
        )
        body = DeclareSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        lines = Line.objects.select_related("account__customer").filter(msisdn=data["msisdn"])
        if user.role == Role.CUSTOMER:
            lines = lines.filter(account__customer__user=user)
        line = lines.first()
        if line is None:
            raise NotFoundError(OperationError.NO_LINE, "No such line.")
        case = stolen_phone_declare(
            customer=line.account.customer,
            line=line,
            channel=Channel.WEB if user.role == Role.CUSTOMER else Channel(data["channel"]),
            actor=user,
            lost_or_stolen=data["lost_or_stolen"],
            at=data["at"],
        )
        return _answer(case, status.HTTP_201_CREATED)


class StolenPhoneView(APIView):
    """A declaration's times: declared, line blocked, handset blocked, unblocked."""

    @extend_schema(
        operation_id="stolen_phones_read",
        responses={200: StolenPhoneSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        return _answer(stolen_case(user=request_user(request), reference=reference))


class _StolenActionView(APIView):
    action = Action.STOLEN_DECLARE

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def act(self, request: Request, reference: str, serializer: type[Any]) -> Response:
        user = request_user(request)
        case = stolen_case(user=user, reference=reference)
        _refuse(user, self.action)
        if user.role == Role.CUSTOMER:
            raise ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not do this.")
        body = serializer(data=request.data)
        body.is_valid(raise_exception=True)
        self.perform(case=case, actor=user, data=body.validated_data)
        return _answer(case)


class LineBlockedView(_StolenActionView):
    """Block the declared line (at the server's clock)."""

    @extend_schema(
        operation_id="stolen_phones_line_blocked",
        request=EmptySerializer,
        responses={200: StolenPhoneSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        return self.act(request, reference, EmptySerializer)

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        line_block(case=case, actor=actor)


class ImeiBlockedView(_StolenActionView):
    """Block the handset's IMEI (at the server's clock)."""

    @extend_schema(
        operation_id="stolen_phones_imei_blocked",
        request=EmptySerializer,
        responses={200: StolenPhoneSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        return self.act(request, reference, EmptySerializer)

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        imei_block(case=case, actor=actor)


class UnblockView(_StolenActionView):
    """Unblock the line and its handset: refused (400 ``unblock_identity_check_required``)
    unless the caller's identity was checked on the case after the block."""

    action = Action.LINE_UNBLOCK

    @extend_schema(
        operation_id="stolen_phones_unblock",
        request=UnblockSerializer,
        responses={200: StolenPhoneSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        return self.act(request, reference, UnblockSerializer)

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        line_unblock(case=case, actor=actor, reason=data["reason"])
