"""Payments and line restorations (T4.4): the billing system registers payments (one, or
a CSV file), the technical system (or an agent) records a line restored, and the
restorations still waiting are listed (``?overdue=1``: past the alert threshold).

Registering needs ``Action.PAYMENT_REGISTER`` (a writer, or an integration holding
``operations.add_payment``); recording a restoration ``Action.LINE_RESTORE`` on a
restoration case the caller sees (404 otherwise); listing ``Action.OPERATIONS_READ``,
scoped to the cases the caller sees. docs/operations-restoration.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.parsers import MultiPartParser
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import ErrorSerializer, error_responses
from pacte.cases.errors import CaseError
from pacte.cases.models import Case, CaseEvent
from pacte.cases.selectors import access_case, case_visible_to
from pacte.core import clock
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.customers.models import Account
from pacte.operations.errors import OperationError
from pacte.operations.models import ImportBatch, PaymentSource
from pacte.operations.payments import Registration, payment_register
from pacte.operations.payments_import import payments_import
from pacte.operations.restoration import line_restore
from pacte.operations.restoration_overdue import OverdueRestoration, restorations_overdue


def _allowed(user: User, action: Action) -> None:
    require(user, action, ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not do this."))


class PaymentInputSerializer(serializers.Serializer[Any]):
    account = serializers.CharField(max_length=32, help_text="The account number.")
    reference = serializers.CharField(max_length=64, help_text="The payment's reference.")
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"), help_text="The amount paid."
    )
    paid_on = serializers.DateField(help_text="When the customer paid (not after today).")


class PaymentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="payment.pk")
    account = serializers.CharField(source="payment.account.number")
    reference = serializers.CharField(source="payment.reference")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, source="payment.amount")
    paid_on = serializers.DateField(source="payment.paid_on")
    registered_at = serializers.DateTimeField(source="payment.registered_at")
    registered_through = serializers.CharField(
        source="payment.source", help_text="How it was registered: screen, api or import."
    )
    created = serializers.BooleanField(help_text="False: the same payment was registered before.")
    settled = serializers.SerializerMethodField(help_text="Invoices this payment settled.")
    restorations = serializers.SerializerMethodField(
        help_text="References of the restoration cases queued."
    )

    def get_settled(self, outcome: Registration) -> list[str]:
        return [bill.invoice for bill in outcome.settled]

    def get_restorations(self, outcome: Registration) -> list[str]:
        return [case.reference for case in outcome.restorations]


class PaymentCollectionView(APIView):
    """Register a payment (the billing system); the same payment again is a 200."""

    @extend_schema(
        operation_id="payments_register",
        request=PaymentInputSerializer,
        responses={
            201: PaymentSerializer,
            200: PaymentSerializer,
            **error_responses(400, 401, 403, 409),
        },
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        _allowed(user, Action.PAYMENT_REGISTER)
        body = PaymentInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        account = Account.objects.filter(number=data["account"].strip()).first()
        if account is None:
            raise PacteError(
                OperationError.PAYMENT_ACCOUNT_UNKNOWN,
                f"No account {data['account']!r}.",
                number=data["account"],
            )
        outcome = payment_register(
            account=account,
            reference=data["reference"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            actor=user,
            source=PaymentSource.API,
        )
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return Response(PaymentSerializer(outcome).data, status=code)


class ReportRowSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField(help_text="The file's line (1: the header).")
    reason = serializers.CharField()


class ImportBatchSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    file_name = serializers.CharField()
    sha256 = serializers.CharField()
    rows = serializers.IntegerField()
    accepted = serializers.IntegerField()
    rejected = serializers.IntegerField()
    imported = serializers.BooleanField()
    report = ReportRowSerializer(many=True)
    at = serializers.DateTimeField()


class ImportInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="CSV: account, reference, amount, paid_on.")


IMPORT_REFUSED = "payments_import_refused"


def _refused(batch: ImportBatch) -> Response:
    """422 in the error shape: the import's number in ``detail``, each bad row (its line
    and reason) in ``field_errors.file``."""
    rows = [f"{item['row']}: {item['reason']}" for item in batch.report]
    detail = gettext(
        "Nothing was imported: %(count)d rows refused (import %(batch)d). Correct them and "
        "send the whole file again."
    ) % {"count": batch.rejected, "batch": batch.pk}
    body = {"code": IMPORT_REFUSED, "detail": detail, "field_errors": {"file": rows}}
    return Response(body, status=status.HTTP_422_UNPROCESSABLE_ENTITY)


class PaymentImportView(APIView):
    """Import a CSV file of payments: all rows or none (422 naming every bad row)."""

    parser_classes = (MultiPartParser,)

    @extend_schema(
        operation_id="payments_import",
        request={"multipart/form-data": ImportInputSerializer},
        responses={
            201: ImportBatchSerializer,
            200: OpenApiResponse(ImportBatchSerializer, description="Imported before."),
            **error_responses(400, 401, 403),
            422: OpenApiResponse(
                ErrorSerializer,
                description="Nothing imported: `field_errors.file` lists each bad row "
                "(its line, then the reason).",
            ),
        },
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        _allowed(user, Action.PAYMENT_REGISTER)
        body = ImportInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        done = payments_import(file_name=upload.name or "", content=upload.read(), actor=user)
        batch: ImportBatch = done.batch
        if not batch.imported:
            return _refused(batch)
        code = status.HTTP_200_OK if done.already else status.HTTP_201_CREATED
        return Response(ImportBatchSerializer(batch).data, status=code)


class RestorationSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(source="case.reference")
    msisdn = serializers.CharField()
    customer = serializers.CharField(source="case.customer.reference")
    team = serializers.CharField(source="case.team.code")
    paid_at = serializers.DateTimeField(help_text="The payment's registration (the receipt).")
    due_at = serializers.DateTimeField(help_text="Paid + the technical delay (T4.4).")
    minutes_since_payment = serializers.SerializerMethodField()
    overdue = serializers.BooleanField(help_text="Past the alert threshold (T4.4-R2).")
    breached = serializers.BooleanField(help_text="Past the technical delay.")

    def get_minutes_since_payment(self, row: OverdueRestoration) -> int:
        return int(row.elapsed.total_seconds() // 60)


class RestorationQuerySerializer(serializers.Serializer[Any]):
    overdue = serializers.BooleanField(
        required=False, default=False, help_text="Only those past the alert threshold."
    )


class RestorationCollectionView(APIView):
    """The restorations still waiting (the caller's visible cases), oldest payment first."""

    @extend_schema(
        operation_id="restorations_list",
        parameters=[RestorationQuerySerializer],
        responses={200: RestorationSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        _allowed(user, Action.OPERATIONS_READ)
        query = RestorationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = restorations_overdue(
            now=clock.now(),
            cases=case_visible_to(user=user),
            overdue_only=query.validated_data["overdue"],
        )
        return Response(RestorationSerializer(rows, many=True).data)


class RestoredSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(source="case.reference")
    restored_at = serializers.DateTimeField(source="at")
    line = serializers.IntegerField(source="data.line")
    msisdn = serializers.CharField(source="data.msisdn")


def _restoration_case(user: User, reference: str) -> Case:
    text = reference.strip().upper().removeprefix("P")
    case = access_case(user=user, case_id=int(text)) if text.isdigit() and len(text) < 12 else None
    if case is None:
        raise NotFoundError(CaseError.NOT_FOUND, "No such case.")
    return case


class RestorationRestoredView(APIView):
    """Record the line of a restoration case restored (now); again: the first record."""

    @extend_schema(
        operation_id="restorations_restored",
        request=None,
        responses={200: RestoredSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, reference: str) -> Response:
        user = request_user(request)
        case = _restoration_case(user, reference)
        _allowed(user, Action.LINE_RESTORE)
        event: CaseEvent = line_restore(case=case, actor=user)
        event.case = case
        return Response(RestoredSerializer(event).data)
