"""A customer's lines and a line's status history (read-only; docs/operations-lines.md).

For staff who may read operations (``Action.OPERATIONS_READ``; anyone else: 403) and
who see the customer as the case endpoints do (those who see every case, agents who
see one of its cases; anyone else: 404, never saying which).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.operations.serializers import CustomerLinesSerializer, LineHistorySerializer
from pacte.cases.selectors import access_customer
from pacte.core.errors import ForbiddenError, NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.customers.models import Line
from pacte.customers.selectors import customer_lines
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_history


def _reader(request: Request) -> User:
    user = request_user(request)
    require(
        user,
        Action.OPERATIONS_READ,
        ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not read lines."),
    )
    return user


class CustomerLinesView(APIView):
    """The customer's lines: number, SIM, handset, offer, status, handset block."""

    @extend_schema(
        operation_id="customers_lines_list",
        summary="A customer's lines and their status",
        responses={200: CustomerLinesSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        customer = access_customer(user=_reader(request), reference=reference)
        body = {"customer": customer.reference, "lines": customer_lines(customer=customer)}
        return Response(CustomerLinesSerializer(body).data)


class LineHistoryView(APIView):
    """One line and its status history, oldest first, each change with its cause and
    the case it came from."""

    @extend_schema(
        operation_id="lines_history_retrieve",
        summary="A line's status history",
        responses={200: LineHistorySerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, line_id: int) -> Response:
        user = _reader(request)
        line = Line.objects.select_related("account__customer").filter(pk=line_id).first()
        if line is None:
            raise NotFoundError(OperationError.NO_LINE, "No such line.")
        access_customer(user=user, reference=line.account.customer.reference)
        body = {"line": line, "history": line_history(line)}
        return Response(LineHistorySerializer(body).data)
