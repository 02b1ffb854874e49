"""Attachments are downloaded, never shown: a file a customer sent cannot run in our origin.

Anyone who may read the case may download its attachments (a customer their own
cases'). The response always carries ``Content-Disposition: attachment`` and
``X-Content-Type-Options: nosniff``; its type is the one sniffed from the bytes when the
file was stored, and only for a short list of inert types: anything else, HTML and SVG
included, is served as ``application/octet-stream``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from pacte.intake.files import OCTET_STREAM
from pacte.intake.models import Attachment
from pacte.workspace.access import readable_case

SAFE_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/tiff",
        "image/webp",
        "text/plain",
    }
)


def served_type(sniffed: str) -> str:
    """The Content-Type an attachment is served with."""
    return sniffed if sniffed in SAFE_TYPES else OCTET_STREAM


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, as a download, if the user may read its case; 404 otherwise."""
    attachment = Attachment.objects.filter(pk=pk, case__isnull=False).first()
    if attachment is None or attachment.case_id is None:
        raise Http404
    readable_case(request, attachment.case_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=served_type(attachment.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
