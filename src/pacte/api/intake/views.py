"""``POST /api/letters/``: the mail room registers a postal letter (multipart: scan + fields).

For agents, supervisors and administrators. Quality managers and auditors get 403
(they read cases, they do not open them); anyone who is not staff gets 404. The case
is received at the start of the stamped day in the site's time zone (docs/intake.md).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.errors import ApiError
from pacte.api.common.idempotency import Outcome, idempotency_key, run_once
from pacte.api.common.parsers import FormParser, MultiPartParser
from pacte.api.common.permissions import request_user, require_team_allowed
from pacte.api.common.schema import IDEMPOTENCY_KEY, error_responses
from pacte.api.intake.inputs import LetterCreateSerializer
from pacte.api.intake.serializers import LetterSerializer
from pacte.cases.bills import BillDetails
from pacte.cases.errors import CaseError
from pacte.core.errors import ForbiddenError, NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.core.vocabulary import CaseKind
from pacte.intake.letters import Scan, Sender, letter_register
from pacte.intake.selectors import letter_with_case


def require_letter_writer(user: User) -> None:
    """404 for anyone but staff; 403 for staff who only read cases."""
    require(user, Action.WORKSPACE_USE, NotFoundError(CaseError.NOT_FOUND, "No such endpoint."))
    refusal = ForbiddenError(ApiError.READ_ONLY, "Your role may not register letters.")
    require(user, Action.LETTER_RECORD, refusal)


class LetterCollectionView(APIView):
    """Register a letter: its scan, stamp, sender and case."""

    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        operation_id="letters_register",
        request={"multipart/form-data": LetterCreateSerializer},
        parameters=[IDEMPOTENCY_KEY],
        responses={201: LetterSerializer, **error_responses(400, 401, 403, 404, 409, 422)},
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        require_letter_writer(user)

        def perform() -> Outcome:
            return Outcome(status=status.HTTP_201_CREATED, body=_register(request, user))

        key = idempotency_key(request)
        return run_once(user=user, key=key, request=request, perform=perform).response()


def _register(request: Request, user: User) -> Any:
    """Register the letter the request describes; its serialized form."""
    body = LetterCreateSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    if data["team"] is not None:
        require_team_allowed(user=user, team=data["team"])
    upload = data["scan"]
    letter = letter_register(
        received_on=data["received_on"],
        scan=Scan(
            name=upload.name or "",
            content=upload.read(),
            declared_type=upload.content_type or "",
        ),
        sender=Sender(
            customer=data.get("customer_reference"),
            name=data.get("sender_name", ""),
            address=data.get("sender_address", ""),
            email=data.get("sender_email", ""),
        ),
        kind=CaseKind(data["kind"]),
        motive=data["motive"],
        subject=data["subject"],
        description=data["description"],
        team=data["team"],
        actor=user,
        bill=BillDetails.given(data),
    )
    letter = letter_with_case(pk=letter.pk)
    return LetterSerializer(letter).data
