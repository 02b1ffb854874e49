"""The mediator's endpoints (level 3, docs/mediation.md): a case's eligibility, the
referral, the recommendation and its application. 404 for a case the caller does not
see, 403 for an action its role may not do, 400/409 with the service's code."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.cases.serializers import CaseDetailSerializer
from pacte.api.common.errors import ApiError
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.complaints.mediation_serializers import (
    AppliedSerializer,
    EligibilitySerializer,
    RecommendationSerializer,
    ReferralSerializer,
    ReferSerializer,
)
from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.selectors import access_case, case_with_trail
from pacte.complaints.eligibility import Eligibility
from pacte.complaints.errors import MediationError
from pacte.complaints.mediation import (
    mediator_recommendation_record,
    mediator_refer,
    recommendation_apply,
)
from pacte.complaints.mediation_selectors import REFERABLE_KINDS, case_eligibility
from pacte.core import clock
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel


def eligibility_body(case_id: int, result: Eligibility) -> dict[str, Any]:
    return {
        "case": case_id,
        "at": result.at,
        "eligible": result.eligible,
        "code": str(result.code),
        "reason": str(result.reason),
        "eligible_from": result.eligible_from,
        "eligible_until": result.eligible_until,
        "from_unknown": str(result.from_unknown) if result.from_unknown else None,
        "until_unknown": str(result.until_unknown) if result.until_unknown else None,
        "conditional": result.conditional,
    }


def _refused(action: Action) -> ForbiddenError:
    return ForbiddenError(ApiError.READ_ONLY, f"Your role may not do this ({action.value}).")


class MediatorEligibilityView(APIView):
    """May the complaint or appeal be referred to the mediator now; from when, until when."""

    @extend_schema(
        operation_id="cases_mediator_eligibility",
        responses={200: EligibilitySerializer, **error_responses(400, 401, 404)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = access_case(user=request_user(request), case_id=case_id)
        if case.kind not in REFERABLE_KINDS:
            raise PacteError(MediationError.NOT_REFERABLE, "Not a complaint or an appeal.")
        result = case_eligibility(case, at=clock.now())
        return Response(EligibilitySerializer(eligibility_body(case.pk, result)).data)


class ReferMediatorView(APIView):
    """Record the referral of a complaint or an appeal to the mediator, eligible or not
    (the eligibility is recorded with it), and open the mediation case."""

    @extend_schema(
        operation_id="cases_refer_mediator",
        request=ReferSerializer,
        responses={201: ReferralSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        require(user, Action.MEDIATION_REFER, _refused(Action.MEDIATION_REFER))
        body = ReferSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        channel = Channel(body.validated_data.get("channel") or Channel.WEB)
        if user.role == Role.CUSTOMER and channel != Channel.WEB:
            raise ForbiddenError(ApiError.CHANNEL_NOT_ALLOWED, "A customer refers on the web.")
        referral = mediator_refer(
            case=case, channel=channel, body=body.validated_data["body"], actor=user
        )
        event = CaseEvent.objects.filter(
            case=case, kind=EventKind.REFERRED_TO_MEDIATOR, data__referral=referral.pk
        ).get()
        data = {
            "referral": referral.pk,
            "reference": referral.reference,
            "follows": case.pk,
            "team": referral.team.code,
            "eligible": event.data["eligible"],
            "eligibility": event.data["eligibility"],
        }
        return Response(ReferralSerializer(data).data, status=status.HTTP_201_CREATED)


class _MediationActionView(APIView):
    def _case_for(self, request: Request, case_id: int) -> tuple[User, Any]:
        user = request_user(request)
        case = access_case(user=user, case_id=case_id)
        require(user, Action.MEDIATION_RECORD, _refused(Action.MEDIATION_RECORD))
        return user, case

    def _done(self, user: User, case_id: int) -> Response:
        case = access_case(user=user, case_id=case_id)
        return Response(CaseDetailSerializer(case_with_trail(case=case, user=user)).data)


class MediatorRecommendationView(_MediationActionView):
    """Record the mediator's recommendation on a mediation case, accepted or not."""

    @extend_schema(
        operation_id="cases_mediator_recommendation",
        request=RecommendationSerializer,
        responses={200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        user, case = self._case_for(request, case_id)
        body = RecommendationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mediator_recommendation_record(
            case=case,
            actor=user,
            body=body.validated_data["body"],
            accepted=body.validated_data["accepted"],
        )
        return self._done(user, case_id)


class RecommendationAppliedView(_MediationActionView):
    """Record what was done to apply the accepted recommendation (meets its clock)."""

    @extend_schema(
        operation_id="cases_recommendation_applied",
        request=AppliedSerializer,
        responses={200: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        user, case = self._case_for(request, case_id)
        body = AppliedSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        recommendation_apply(case=case, actor=user, body=body.validated_data["body"])
        return self._done(user, case_id)
