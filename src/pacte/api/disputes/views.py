"""The bill-dispute endpoints: assess a dispute, record its correction (T5.2).

404 for a case the caller may not see, 403 for a role that may not do it, then one
service call (``complaints.disputes``); the response is the case with its trail.
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
from pacte.api.disputes.serializers import AssessmentSerializer, CorrectionSerializer
from pacte.cases.models import Case
from pacte.cases.selectors import access_case, case_with_trail
from pacte.complaints.disputes import correction_issue, dispute_assess
from pacte.core.errors import ForbiddenError
from pacte.core.models import User
from pacte.core.permissions import Action, require


class _DisputeView(APIView):
    action: Action
    serializer_class: type[serializers.Serializer[Any]]

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def run(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        refusal = ForbiddenError(ApiError.READ_ONLY, "Your role may read this case but not this.")
        require(user, self.action, refusal)
        body = self.serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        self.perform(case=case, actor=user, data=body.validated_data)
        return Response(CaseDetailSerializer(case_with_trail(case=case, user=user)).data)


class DisputeAssessmentView(_DisputeView):
    """Assess a bill dispute: proven or not, with the reason (the latest assessment is
    the one in force)."""

    action = Action.DISPUTE_ASSESS
    serializer_class = AssessmentSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        dispute_assess(
            case=case,
            actor=actor,
            proven=data["proven"],
            reason=data["reason"],
            invoice=data["invoice"],
            amount=data["amount"],
        )

    @extend_schema(
        operation_id="cases_dispute_assessment",
        request=AssessmentSerializer,
        responses={200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        return self.run(request, case_id)


class CorrectionView(_DisputeView):
    """Record the correction or credit issued for a dispute assessed as proven."""

    action = Action.DISPUTE_CORRECT
    serializer_class = CorrectionSerializer

    def perform(self, *, case: Case, actor: User, data: dict[str, Any]) -> None:
        correction_issue(
            case=case,
            actor=actor,
            amount=data["amount"],
            reference=data["reference"],
            issued_on=data["issued_on"],
        )

    @extend_schema(
        operation_id="cases_correction",
        request=CorrectionSerializer,
        responses={200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        return self.run(request, case_id)
