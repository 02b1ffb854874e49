"""On a phone or chat case: record the caller's identity check, then each disclosure of
account data (T3.2-a, docs/operations-lines.md).

404 for a case you do not see, 403 for a role that may not record checks
(``Action.IDENTITY_CHECK``), 400 with the reason when refused (a disclosure before any
check, a check on a written contact), 409 on a closed case.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.cases.serializers import CaseDetailSerializer
from pacte.api.common.errors import ApiError
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.operations.serializers import DisclosureInput, IdentityCheckInput
from pacte.cases.models import Case
from pacte.cases.selectors import access_case, case_with_trail
from pacte.core.errors import ForbiddenError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.operations.disclosure import disclosure_record
from pacte.operations.identity import identity_check_record

RESPONSES = {200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)}


class _CheckedAction(APIView):
    serializer_class: type[serializers.Serializer[Any]]

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def act(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        require(
            user,
            Action.IDENTITY_CHECK,
            ForbiddenError(ApiError.READ_ONLY, "Your role may read this case but not change it."),
        )
        body = self.serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        self.perform(case=case, actor=user, data=body.validated_data)
        return Response(CaseDetailSerializer(case_with_trail(case=case, user=user)).data)


class IdentityCheckView(_CheckedAction):
    """Record how the caller of a phone or chat case was identified."""

    serializer_class = IdentityCheckInput

    @extend_schema(
        operation_id="cases_identity_check",
        summary="Record the caller's identity check",
        request=IdentityCheckInput,
        responses=RESPONSES,
    )
    def post(self, request: Request, case_id: int) -> Response:
        return self.act(request, case_id)

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        identity_check_record(
            case=case, actor=actor, method=data["method"], questions=data["questions"]
        )


class DisclosureView(_CheckedAction):
    """Record account data told to the customer: on a phone or chat case, refused (400)
    before the caller's identity check."""

    serializer_class = DisclosureInput

    @extend_schema(
        operation_id="cases_disclosures_create",
        summary="Record a disclosure of account data (bills, usage, contract)",
        request=DisclosureInput,
        responses=RESPONSES,
    )
    def post(self, request: Request, case_id: int) -> Response:
        return self.act(request, case_id)

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        disclosure_record(case=case, actor=actor, what=data["what"], body=data["body"])
