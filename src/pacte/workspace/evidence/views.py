"""Evidence packs in the workspace: the list and request form, a pack's progress, downloads.

For the auditor, the quality manager and the administrator; everyone else gets a 404
(anonymous users the login page). Files are served here, as attachments, after the
permission check: never from MEDIA_URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.permissions import Action
from pacte.evidence.models import MAX_SAMPLE_SIZE, EvidencePack
from pacte.evidence.selectors import access_pack, pack_list
from pacte.evidence.services import evidence_pack_request
from pacte.workspace.common.permissions import action_required, request_user
from pacte.workspace.compliance.dashboard import DEFAULT_SCHEME, last_complete_month
from pacte.workspace.evidence.forms import PackRequestForm

View = Callable[..., HttpResponse]
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
DEFAULT_SIZE = 20


# Auditor, quality manager, administrator; any other role gets a 403.


def _initial() -> dict[str, Any]:
    return {
        "scheme": DEFAULT_SCHEME,
        "month": last_complete_month(clock.now()).value,
        "size": DEFAULT_SIZE,
    }


@action_required(Action.EVIDENCE_USE)
@require_http_methods(["GET", "POST"])
def evidence_home(request: HttpRequest) -> HttpResponse:
    """The packs (newest first) and the form to request one."""
    user = request_user(request)
    form = PackRequestForm(request.POST or None, initial=_initial())
    if request.method == "POST" and form.is_valid():
        year, month = form.cleaned_data["month"]
        try:
            pack = evidence_pack_request(
                scheme_code=form.cleaned_data["scheme"],
                year=year,
                month=month,
                sample_size=form.cleaned_data["size"],
                seed=form.cleaned_data["seed"],
                requested_by=user,
            )
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            return redirect("workspace:evidence_pack", pk=pack.pk)
    context = {"form": form, "packs": pack_list(user=user), "max_size": MAX_SAMPLE_SIZE}
    return render(request, "workspace/evidence/home.html", context)


def _pack(request: HttpRequest, pk: int) -> EvidencePack:
    try:
        return access_pack(user=request_user(request), pack_id=pk)
    except NotFoundError as error:
        raise Http404 from error


@action_required(Action.EVIDENCE_USE)
@require_GET
def evidence_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """One pack: what was asked, its progress (polled while queued or running), the files."""
    pack = _pack(request, pk)
    return render(request, "workspace/evidence/pack.html", {"pack": pack})


@action_required(Action.EVIDENCE_USE)
@require_GET
def evidence_pack_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx polls every 2 s; it stops polling once the build ended."""
    pack = _pack(request, pk)
    return render(request, "workspace/evidence/progress.html", {"pack": pack})


@action_required(Action.EVIDENCE_USE)
@require_GET
def evidence_pack_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The pack's XLSX or PDF file, as an attachment; 404 until it is built.

    Read whole: a pack is a few hundred kilobytes."""
    pack = _pack(request, pk)
    if fmt not in CONTENT_TYPES or not pack.is_done:
        raise Http404
    field = pack.xlsx if fmt == "xlsx" else pack.pdf
    try:
        with field.open("rb") as handle:
            content = handle.read()
    except (ValueError, OSError) as error:  # no file recorded, or gone from storage
        raise Http404 from error
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = content_disposition_header(as_attachment=True, filename=pack.file_name(fmt))
    response["Content-Disposition"] = disposition or "attachment"
    return response
