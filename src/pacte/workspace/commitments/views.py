"""The scheme pages: versions, one version's tree and history, the quality manager's edits.

Supervisors, quality managers, auditors and administrators read; only the quality
manager edits and activates (anyone else who reads gets a 403 on those, anyone who
does not read a 404). Each form posts to one service of ``commitments.editing``; an
edit of a version in use lands in a new draft, and the page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pacte.commitments import editing
from pacte.commitments.catalogue import (
    access_version,
    scheme_versions,
    version_events,
    version_tree,
)
from pacte.commitments.errors import SchemeValidationError
from pacte.commitments.models import (
    DeadlineRule,
    Requirement,
    SchemeVersion,
    VersionStatus,
)
from pacte.commitments.selectors import (
    version_commitment,
    version_indicator,
    version_requirement,
    version_rule,
)
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.core.permissions import Action, may
from pacte.workspace.commitments.forms import (
    ActivateForm,
    CommitmentForm,
    EditForm,
    IndicatorForm,
    RequirementForm,
    RuleForm,
)
from pacte.workspace.common.permissions import action_required, request_user

Apply = Callable[[dict[str, Any]], editing.EditOutcome]

# Supervisors, quality managers, auditors, administrators; any other role gets a 403.


def version_url(version: SchemeVersion) -> str:
    return reverse("workspace:scheme_version", args=[version.scheme.code, version.number])


def _version(request: HttpRequest, code: str, number: int) -> SchemeVersion:
    try:
        return access_version(user=request_user(request), scheme_code=code, number=number)
    except NotFoundError as error:
        raise Http404 from error


def _editable_version(request: HttpRequest, code: str, number: int) -> SchemeVersion:
    version = _version(request, code, number)
    if not may(request_user(request), Action.SCHEME_EDIT):
        raise PermissionDenied
    return version


def _row(row: Any) -> Any:
    if row is None:
        raise Http404
    return row


def announce(request: HttpRequest, outcome: editing.EditOutcome) -> None:
    """Tell where the change landed: in place, or in a new draft and why."""
    new = outcome.version.number
    if not outcome.changes:
        messages.info(request, _("Nothing changed."))
    elif outcome.copied_from is None:
        messages.success(request, _("Saved in draft version %(new)s.") % {"new": new})
    else:
        texts = {
            "used": _(
                "Version %(old)s was used for results; your change is in new draft version %(new)s."
            ),
            "active": _(
                "Version %(old)s is the active version; your change is in new draft version "
                "%(new)s."
            ),
            "retired": _(
                "Version %(old)s is retired; your change is in new draft version %(new)s."
            ),
        }
        old = outcome.copied_from.number
        messages.warning(request, texts[outcome.reason] % {"old": old, "new": new})


def _edit_page(
    request: HttpRequest,
    *,
    version: SchemeVersion,
    form: EditForm,
    subject: str,
    apply: Apply,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``apply`` and go to the version the change is in.

    A refusal of the service is shown on the form; nothing is written.
    """
    if request.method == "POST" and form.is_valid():
        try:
            outcome = apply(form.cleaned_data)
        except SchemeValidationError as error:
            for field, texts in error.errors.items():
                form.add_error(field if field in form.fields else None, texts)
        except ForbiddenError as error:
            raise PermissionDenied from error
        except PacteError as error:
            form.add_error(None, error.text)
        else:
            announce(request, outcome)
            return redirect(version_url(outcome.version))
    context = {"version": version, "form": form, "subject": subject}
    return render(request, "workspace/commitments/edit.html", context, status=_status(form))


def _status(form: EditForm) -> int:
    return 400 if form.is_bound and form.errors else 200


@action_required(Action.SCHEME_READ)
@require_http_methods(["GET"])
def scheme_list(request: HttpRequest) -> HttpResponse:
    """Every scheme's versions with status, valid-from date and whether results used them."""
    try:
        versions = scheme_versions(user=request_user(request))
    except NotFoundError as error:
        raise Http404 from error
    return render(request, "workspace/commitments/list.html", {"versions": versions})


@action_required(Action.SCHEME_READ)
@require_http_methods(["GET"])
def scheme_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """One version's tree, its history, and for the quality manager the edit links."""
    version = _version(request, code, number)
    editor = may(request_user(request), Action.SCHEME_EDIT)
    context = {
        "version": version,
        "tree": version_tree(version=version),
        "events": version_events(version=version),
        "editor": editor,
        "activate_form": ActivateForm(initial={"valid_from": timezone.localdate()}),
        "is_draft": version.status == VersionStatus.DRAFT,
    }
    return render(request, "workspace/commitments/version.html", context)


@action_required(Action.SCHEME_READ)
@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, code: str, number: int, item: str) -> HttpResponse:
    version = _editable_version(request, code, number)
    row = _row(version_commitment(version=version, code=item))
    form = CommitmentForm(request.POST or None, row=row)

    def apply(data: dict[str, Any]) -> editing.EditOutcome:
        return editing.commitment_edit(
            version=version, code=item, actor=request_user(request), changes=data
        )

    return _edit_page(request, version=version, form=form, subject=item, apply=apply)


@action_required(Action.SCHEME_READ)
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest, code: str, number: int, item: str) -> HttpResponse:
    version = _editable_version(request, code, number)
    row = _row(version_requirement(version=version, code=item))
    form = RequirementForm(request.POST or None, row=row)

    def apply(data: dict[str, Any]) -> editing.EditOutcome:
        return editing.requirement_edit(
            version=version, code=item, actor=request_user(request), changes=data
        )

    return _edit_page(request, version=version, form=form, subject=item, apply=apply)


@action_required(Action.SCHEME_READ)
@require_http_methods(["GET", "POST"])
def requirement_add(request: HttpRequest, code: str, number: int, item: str) -> HttpResponse:
    version = _editable_version(request, code, number)
    _row(version_commitment(version=version, code=item))
    form = RequirementForm(request.POST or None, row=Requirement(text_fr="", text_en=""))

    def apply(data: dict[str, Any]) -> editing.EditOutcome:
        return editing.requirement_add(
            version=version,
            commitment_code=item,
            actor=request_user(request),
            text_fr=data["text_fr"],
            text_en=data["text_en"],
        )

    subject = _("New requirement under %(code)s") % {"code": item}
    return _edit_page(request, version=version, form=form, subject=subject, apply=apply)


@action_required(Action.SCHEME_READ)
@require_POST
def requirement_remove(request: HttpRequest, code: str, number: int, item: str) -> HttpResponse:
    version = _editable_version(request, code, number)
    try:
        outcome = editing.requirement_remove(
            version=version, code=item, actor=request_user(request)
        )
    except NotFoundError as error:
        raise Http404 from error
    announce(request, outcome)
    return redirect(version_url(outcome.version))


@action_required(Action.SCHEME_READ)
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, code: str, number: int, item: str) -> HttpResponse:
    version = _editable_version(request, code, number)
    row = _row(version_indicator(version=version, code=item))
    form = IndicatorForm(request.POST or None, row=row)

    def apply(data: dict[str, Any]) -> editing.EditOutcome:
        return editing.indicator_edit(
            version=version, code=item, actor=request_user(request), changes=data
        )

    return _edit_page(request, version=version, form=form, subject=item, apply=apply)


@action_required(Action.SCHEME_READ)
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, code: str, number: int, pk: int) -> HttpResponse:
    version = _editable_version(request, code, number)
    row: DeadlineRule = _row(version_rule(version=version, pk=pk))
    form = RuleForm(request.POST or None, row=row)
    code_of = row.commitment.code

    def apply(data: dict[str, Any]) -> editing.EditOutcome:
        return editing.deadline_rule_edit(
            version=version,
            commitment_code=code_of,
            channel=row.channel,
            kind=row.kind,
            actor=request_user(request),
            changes=data,
        )

    subject = editing.rule_subject(commitment_code=code_of, channel=row.channel, kind=row.kind)
    return _edit_page(request, version=version, form=form, subject=subject, apply=apply)


@action_required(Action.SCHEME_READ)
@require_POST
def version_activate(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """Activate a draft from the date given; a refusal is a message on the version page."""
    version = _editable_version(request, code, number)
    form = ActivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the version applies from."))
        return redirect(version_url(version))
    try:
        editing.version_activate(
            version=version,
            actor=request_user(request),
            valid_from=form.cleaned_data["valid_from"],
        )
    except PacteError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("Version %(n)s is now active.") % {"n": version.number})
    return redirect(version_url(version))
