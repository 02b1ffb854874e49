"""Unpaid bills from the billing system (T4.3): one bill (JSON) or a CSV file.

For the billing system's integration user (permission ``operations.add_unpaidbill``)
and supervisors; anyone else gets 403. A bad bill is a 400 naming why; a CSV file with
a bad row is imported not at all: 422 with the report (docs/operations-dunning.md).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.errors import ApiError
from pacte.api.common.parsers import FormParser, MultiPartParser
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.core.errors import ForbiddenError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.operations.bills_import import bills_import, problem_text, unpaid_bill_report
from pacte.operations.models import ImportBatch, UnpaidBill


def _require_billing(user: User) -> None:
    refusal = ForbiddenError(ApiError.CREATE_NOT_ALLOWED, "Your role may not report bills.")
    require(user, Action.BILLS_IMPORT, refusal)


class UnpaidBillInputSerializer(serializers.Serializer[Any]):
    account = serializers.CharField(max_length=32, help_text="The account number.")
    line = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="MSISDN."
    )
    invoice = serializers.CharField(max_length=40)
    amount = serializers.CharField(max_length=20, help_text="12.50 or 12,50 (more than 0).")
    due_on = serializers.CharField(max_length=10, help_text="YYYY-MM-DD.")


class UnpaidBillSerializer(serializers.ModelSerializer[UnpaidBill]):
    account = serializers.CharField(source="account.number")
    line = serializers.CharField(source="line.msisdn", allow_null=True, default=None)

    class Meta:
        model = UnpaidBill
        fields = ("id", "account", "line", "invoice", "amount", "due_on", "reported_at")


class BillsImportInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="CSV: account;line;invoice;amount;due_on")


class ReportRowSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField()
    code = serializers.CharField()
    reason = serializers.CharField()


class BillsImportBatchSerializer(serializers.ModelSerializer[ImportBatch]):
    report = serializers.SerializerMethodField()

    class Meta:
        model = ImportBatch
        fields = (
            *("id", "file_name", "sha256", "rows", "accepted", "rejected"),
            *("imported", "at", "report"),
        )

    def get_report(self, batch: ImportBatch) -> list[dict[str, Any]]:
        rows = [
            {"line": entry["line"], "code": entry["code"], "reason": problem_text(entry)}
            for entry in batch.report
        ]
        return ReportRowSerializer(rows, many=True).data  # type: ignore[return-value]


class UnpaidBillCollectionView(APIView):
    """Report one unpaid bill (the same bill again: 200, unchanged)."""

    @extend_schema(
        operation_id="unpaid_bills_create",
        request=UnpaidBillInputSerializer,
        responses={
            201: UnpaidBillSerializer,
            200: UnpaidBillSerializer,
            **error_responses(400, 401, 403),
        },
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        _require_billing(user)
        body = UnpaidBillInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        bill, new = unpaid_bill_report(actor=user, **body.validated_data)
        code = status.HTTP_201_CREATED if new else status.HTTP_200_OK
        return Response(UnpaidBillSerializer(bill).data, status=code)


class UnpaidBillImportView(APIView):
    """Import a CSV file of unpaid bills, whole or not at all."""

    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        operation_id="unpaid_bills_import",
        request={"multipart/form-data": BillsImportInputSerializer},
        responses={
            201: BillsImportBatchSerializer,
            **error_responses(400, 401, 403, 422),
        },
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        _require_billing(user)
        body = BillsImportInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        batch = bills_import(stream=upload.file, file_name=upload.name or "", actor=user)
        if not batch.imported:
            return _refused(batch)
        return Response(BillsImportBatchSerializer(batch).data, status=status.HTTP_201_CREATED)


IMPORT_REFUSED = "bills_import_refused"


def _refused(batch: ImportBatch) -> Response:
    """422 in the error shape (as the payments' import): the import's number in
    ``detail``, each bad row (its line and reason) in ``field_errors.file``."""
    rows = [f"{entry['line']}: {problem_text(entry)}" for entry in batch.report]
    detail = gettext(
        "Nothing was imported: %(count)d rows refused (import %(batch)d). Correct them and "
        "send the whole file again."
    ) % {"count": batch.rejected, "batch": batch.pk}
    body = {"code": IMPORT_REFUSED, "detail": detail, "field_errors": {"file": rows}}
    return Response(body, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
