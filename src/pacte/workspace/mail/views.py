"""The administrator's email quarantine: messages intake could not file, their reason,
the raw message (as text, never rendered), and a "retry the parse" button.

Only administrators see it; every other staff member gets a 404, as does anyone
outside the staff.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pacte.core.errors import NotFoundError
from pacte.core.permissions import Action
from pacte.mail.filing import inbound_parse
from pacte.mail.models import InboundStatus
from pacte.mail.selectors import access_quarantined, quarantine_list
from pacte.workspace.common.paging import page_number, window_page
from pacte.workspace.common.permissions import action_required

PAGE_SIZE = 50
RAW_SHOWN = 100_000


@require_GET
@action_required(Action.MAIL_MANAGE)
def quarantine(request: HttpRequest) -> HttpResponse:
    page = window_page(
        quarantine_list(), number=page_number(request.GET.get("page")), size=PAGE_SIZE
    )
    return render(request, "workspace/mail/quarantine.html", {"page": page})


@require_GET
@action_required(Action.MAIL_MANAGE)
def quarantined(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        message = access_quarantined(inbound_id=pk)
    except NotFoundError as error:
        raise Http404 from error
    raw = bytes(message.raw[:RAW_SHOWN]).decode("utf-8", "replace")
    context = {"message": message, "raw": raw, "truncated": message.size > RAW_SHOWN}
    return render(request, "workspace/mail/quarantined.html", context)


@require_POST
@action_required(Action.MAIL_MANAGE)
def quarantine_retry(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        message = access_quarantined(inbound_id=pk)
    except NotFoundError as error:
        raise Http404 from error
    result = inbound_parse(inbound_id=message.pk, retry=True)
    if result.status == InboundStatus.PARSED and result.case is not None:
        messages.success(
            request,
            _("The message is filed on case %(reference)s.") % {"reference": result.case.reference},
        )
        return redirect("workspace:mail_quarantine")
    messages.error(request, _("Still quarantined: %(reason)s") % {"reason": result.reason})
    return redirect("workspace:mail_quarantined", pk=pk)
