"""Evidence-pack endpoints: request a pack (202), follow its build, download its files.

For the auditor, the quality manager and the administrator; for anyone else the
endpoints do not exist (404, nothing created).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.errors import ConflictError
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.evidence.inputs import EvidencePackRequestSerializer
from pacte.api.evidence.serializers import EvidencePackSerializer
from pacte.core.errors import NotFoundError
from pacte.evidence.errors import EvidenceError
from pacte.evidence.selectors import access_pack, require_evidence_user
from pacte.evidence.services import evidence_pack_request

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class EvidencePackCollectionView(APIView):
    """Request an evidence pack; it is built in the background (follow it at Location)."""

    @extend_schema(
        operation_id="evidence_packs_create",
        request=EvidencePackRequestSerializer,
        responses={202: EvidencePackSerializer, **error_responses(400, 401, 404)},
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        require_evidence_user(user)
        body = EvidencePackRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        year, month = body.validated_data["month"]
        pack = evidence_pack_request(
            scheme_code=body.validated_data["scheme"],
            year=year,
            month=month,
            sample_size=body.validated_data["size"],
            seed=body.validated_data.get("seed"),
            requested_by=user,
        )
        pack = access_pack(user=user, pack_id=pack.pk)
        location = request.build_absolute_uri(reverse("api-evidence-pack", args=[pack.pk]))
        data = EvidencePackSerializer(pack, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": location})


class EvidencePackDetailView(APIView):
    """A pack: status, progress, seed, and the download URLs once built."""

    @extend_schema(
        operation_id="evidence_packs_retrieve",
        responses={200: EvidencePackSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, pack_id: int) -> Response:
        pack = access_pack(user=request_user(request), pack_id=pack_id)
        return Response(EvidencePackSerializer(pack, context={"request": request}).data)


class EvidencePackFileView(APIView):
    """One of the pack's files, as an attachment; 409 until the pack is built."""

    fmt = "pdf"

    def file(self, request: Request, pack_id: int) -> HttpResponse:
        pack = access_pack(user=request_user(request), pack_id=pack_id)
        if not pack.is_done:
            raise ConflictError(
                EvidenceError.NOT_READY, f"Evidence pack {pack.pk} is {pack.status}, not built."
            )
        field = pack.xlsx if self.fmt == "xlsx" else pack.pdf
        try:
            with field.open("rb") as handle:
                content = handle.read()
        except (ValueError, OSError) as error:  # no file recorded, or gone from storage
            raise NotFoundError(EvidenceError.NOT_FOUND, "The file is missing.") from error
        response = HttpResponse(content, content_type=CONTENT_TYPES[self.fmt])
        disposition = content_disposition_header(
            as_attachment=True, filename=pack.file_name(self.fmt)
        )
        response["Content-Disposition"] = disposition or "attachment"
        return response


def _file_responses(fmt: str) -> dict[Any, Any]:
    binary = OpenApiResponse(response=OpenApiTypes.BINARY, description=f"The {fmt.upper()} file.")
    return {(200, CONTENT_TYPES[fmt]): binary, **error_responses(401, 404, 409)}


class EvidencePackXlsxView(EvidencePackFileView):
    fmt = "xlsx"

    @extend_schema(operation_id="evidence_packs_xlsx", responses=_file_responses("xlsx"))
    def get(self, request: Request, pack_id: int) -> HttpResponse:
        return self.file(request, pack_id)


class EvidencePackPdfView(EvidencePackFileView):
    fmt = "pdf"

    @extend_schema(operation_id="evidence_packs_pdf", responses=_file_responses("pdf"))
    def get(self, request: Request, pack_id: int) -> HttpResponse:
        return self.file(request, pack_id)
