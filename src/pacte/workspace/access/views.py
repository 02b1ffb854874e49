"""The administrator's access page screen: the draft's channels, services and bill
footer, a preview, publishing, and the history of publications and changes.

The administrator edits and publishes; quality managers and auditors read the draft,
the preview and the history (an edit from them is a 403); anyone else gets a 404.
Each form posts to one service of ``pacte.access.services``; works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from pacte.access import services
from pacte.access.models import ChannelEntry, ServiceEntry
from pacte.access.presenters import page_view
from pacte.access.selectors import (
    access_draft,
    access_events,
    draft_entry,
    draft_entry_values,
    publication_history,
)
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.core.permissions import Action, may
from pacte.workspace.access.forms import ChannelForm, EntryForm, FooterForm, ServiceForm
from pacte.workspace.common.permissions import action_required, request_user, require_action

HOME = "workspace:access_page"


# What each kind of entry is edited with.
ENTRIES: dict[str, tuple[type[ChannelEntry] | type[ServiceEntry], type[EntryForm]]] = {
    "channels": (ChannelEntry, ChannelForm),
    "services": (ServiceEntry, ServiceForm),
}
SUBJECTS = {
    "channels": gettext_lazy("Channel"),
    "services": gettext_lazy("Service"),
}


def _form_page(
    request: HttpRequest, *, form: forms.Form, subject: str, apply: Callable[[], object]
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``apply`` and go back to the screen. A refusal
    of the service is shown on the form (400) and nothing is written."""
    if request.method == "POST" and form.is_valid():
        try:
            apply()
        except ForbiddenError as error:
            raise PermissionDenied from error
        except NotFoundError as error:
            raise Http404 from error
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            messages.success(
                request, _("Saved in the draft. Publish it to update the public page.")
            )
            return redirect(HOME)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "subject": subject}
    return render(request, "workspace/access/form.html", context, status=status)


def _entries(part: str) -> tuple[type[ChannelEntry] | type[ServiceEntry], type[EntryForm]]:
    if part not in ENTRIES:
        raise Http404
    return ENTRIES[part]


@action_required(Action.ACCESS_PAGE_READ, post=Action.ACCESS_PAGE_EDIT)
@require_http_methods(["GET"])
def access_page_home(request: HttpRequest) -> HttpResponse:
    """The draft, the publications (latest first) and the latest changes."""
    context = {
        "draft": access_draft(),
        "publications": list(publication_history()[:50]),
        "events": access_events(limit=50),
        "editor": may(request_user(request), Action.ACCESS_PAGE_EDIT),
    }
    return render(request, "workspace/access/home.html", context)


@action_required(Action.ACCESS_PAGE_READ, post=Action.ACCESS_PAGE_EDIT)
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest, part: str) -> HttpResponse:
    """Add a channel or a service to the draft (administrator)."""
    _, form_class = _entries(part)
    require_action(request, Action.ACCESS_PAGE_EDIT)
    form = form_class(request.POST or None, initial={"published": True})
    actor = request_user(request)

    def apply() -> object:
        data = form.data_object()
        if isinstance(data, services.ChannelData):
            return services.channel_add(actor=actor, data=data)
        return services.service_add(actor=actor, data=data)

    return _form_page(request, form=form, subject=str(SUBJECTS[part]), apply=apply)


@action_required(Action.ACCESS_PAGE_READ, post=Action.ACCESS_PAGE_EDIT)
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, part: str, pk: int) -> HttpResponse:
    """Change a draft channel or service (administrator)."""
    model, form_class = _entries(part)
    require_action(request, Action.ACCESS_PAGE_EDIT)
    row = draft_entry_values(model=model, pk=pk)
    if row is None:
        raise Http404
    form = form_class(request.POST or None, initial=dict(row))
    actor = request_user(request)

    def apply() -> object:
        data = form.data_object()
        if isinstance(data, services.ChannelData):
            return services.channel_change(actor=actor, entry_id=pk, data=data)
        return services.service_change(actor=actor, entry_id=pk, data=data)

    return _form_page(request, form=form, subject=str(SUBJECTS[part]), apply=apply)


@action_required(Action.ACCESS_PAGE_READ, post=Action.ACCESS_PAGE_EDIT)
@require_http_methods(["GET", "POST"])
def entry_remove(request: HttpRequest, part: str, pk: int) -> HttpResponse:
    """Confirm (GET), then remove (POST) a draft channel or service (administrator)."""
    model, _form = _entries(part)
    require_action(request, Action.ACCESS_PAGE_EDIT)
    entry = draft_entry(model=model, pk=pk)
    if entry is None:
        raise Http404
    if request.method == "POST":
        actor = request_user(request)
        if part == "channels":
            services.channel_remove(actor=actor, entry_id=pk)
        else:
            services.service_remove(actor=actor, entry_id=pk)
        messages.success(request, _("Removed from the draft."))
        return redirect(HOME)
    context = {"entry": entry, "subject": SUBJECTS[part]}
    return render(request, "workspace/access/remove.html", context)


@action_required(Action.ACCESS_PAGE_READ, post=Action.ACCESS_PAGE_EDIT)
@require_http_methods(["GET", "POST"])
def footer_edit(request: HttpRequest) -> HttpResponse:
    """Edit the draft's bill footer (administrator)."""
    require_action(request, Action.ACCESS_PAGE_EDIT)
    draft = access_draft()
    initial = {"bill_footer_fr": draft.bill_footer_fr, "bill_footer_en": draft.bill_footer_en}
    form = FooterForm(request.POST or None, initial=initial)
    actor = request_user(request)

    def apply() -> object:
        return services.footer_change(actor=actor, **form.cleaned_data)

    return _form_page(request, form=form, subject=_("Bill footer"), apply=apply)


@action_required(Action.ACCESS_PAGE_READ, post=Action.ACCESS_PAGE_EDIT)
@require_http_methods(["GET"])
def access_page_preview(request: HttpRequest) -> HttpResponse:
    """The draft as the public page would show it, in the workspace's language."""
    draft = access_draft()
    page = page_view(
        channels=[c for c in draft.channels if c.published],
        services=[s for s in draft.services if s.published],
        footer=(draft.bill_footer_fr, draft.bill_footer_en),
        published_at=None,
    )
    return render(request, "workspace/access/preview.html", {"page": page})


@action_required(Action.ACCESS_PAGE_READ, post=Action.ACCESS_PAGE_EDIT)
@require_http_methods(["GET", "POST"])
def access_page_publish(request: HttpRequest) -> HttpResponse:
    """Confirm (GET, with the preview), then publish the draft (POST, administrator)."""
    require_action(request, Action.ACCESS_PAGE_EDIT)
    if request.method == "POST":
        publication = services.page_publish(actor=request_user(request))
        messages.success(
            request,
            _("Published: the public page now shows publication %(number)s.")
            % {"number": publication.pk},
        )
        return redirect(HOME)
    return access_page_preview(request)
