"""The complaint chain's endpoints: appeal a complaint (level 2)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.cases.serializers import CaseDetailSerializer
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.complaints.inputs import AppealSerializer
from pacte.cases.selectors import access_case, case_with_trail
from pacte.complaints.appeals import appeal_file
from pacte.core.permissions import Action, require
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel


class CaseAppealView(APIView):
    """Appeal the complaint (or bill dispute) ``case_id``: opens the appeal case on the
    appeals team, once the complaint was answered or a calendar month after its receipt
    if not (409 ``appeal_too_early`` says from which date). A customer appeals their own
    complaints (on the web channel); staff record an appeal that came by letter or email."""

    @extend_schema(
        operation_id="cases_appeal",
        request=AppealSerializer,
        responses={201: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        user = request_user(request)
        complaint = access_case(user=user, case_id=case_id)
        require(user, Action.APPEAL_FILE)
        body = AppealSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        customer_facing = user.role == Role.CUSTOMER
        channel = Channel.WEB if customer_facing else body.validated_data.get("channel")
        appeal = appeal_file(
            complaint=complaint,
            channel=channel or Channel.LETTER,
            body=body.validated_data["body"],
            actor=user,
            customer_facing=customer_facing,
        )
        data = CaseDetailSerializer(case_with_trail(case=appeal, user=user)).data
        return Response(data, status=status.HTTP_201_CREATED)
