"""The contact form: customers file a request or a complaint, received when submitted.

A logged-in customer's case opens at once, for their own record only (the form has no
customer field). A visitor confirms their email address first; the case then opens,
received when they submitted. French by default, ``?lang=en`` for English, like the
results page. These pages are personal: never cached.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.models import Customer
from pacte.intake.errors import IntakeError
from pacte.intake.models import SubmissionStatus, WebSubmission
from pacte.intake.web import (
    verify_hours,
    web_case_file,
    web_submission_receive,
    web_submission_verify,
)
from pacte.portal.contact_forms import NO_ROUTE_MESSAGE, ContactForm, VisitorContactForm
from pacte.portal.views import page_language


def _customer_user(request: HttpRequest) -> User | None:
    """The logged-in user if they are a customer with a customer record, else None."""
    user = request.user
    if (
        isinstance(user, User)
        and may(user, Action.CASE_OPEN_OWN)
        and Customer.objects.filter(user=user).exists()
    ):
        return user
    return None


def _render(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Content-Language"] = str(context["language"])
    return response


def _refusal(error: PacteError) -> str:
    if error.code == IntakeError.NO_ROUTE:
        return str(NO_ROUTE_MESSAGE)
    if error.code == IntakeError.BAD_ADDRESS:
        return _("This is not an email address.")
    if error.code == IntakeError.FILE_TYPE_REFUSED:
        return _("One of the files is of a type we cannot accept.")
    return error.text


def _submit(request: HttpRequest, form: ContactForm, user: User | None, language: str) -> str:
    """Run the service; the URL to go to next. PacteError if the service refuses."""
    if user is not None:
        submission = web_case_file(user=user, contact=form.contact())
        return reverse("portal:contact_done", args=[submission.pk]) + f"?lang={language}"

    def link(token: str) -> str:
        path = reverse("portal:contact_verify", args=[token])
        return request.build_absolute_uri(f"{path}?lang={language}")

    data = form.cleaned_data
    web_submission_receive(
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        contact=form.contact(),
        verify_link=link,
        language=language,
    )
    return reverse("portal:contact_sent") + f"?lang={language}"


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    """The form; on success, the confirmation (customer) or "check your email" (visitor)."""
    language = page_language(request)
    user = _customer_user(request)
    form_class = ContactForm if user is not None else VisitorContactForm
    with translation.override(language):
        form = form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                return redirect(_submit(request, form, user, language))
            except PacteError as error:
                form.add_error(None, _refusal(error))
        context = {"form": form, "language": language, "customer_user": user}
        return _render(request, "portal/contact/form.html", context)


@never_cache
@require_GET
def contact_sent(request: HttpRequest) -> HttpResponse:
    """After a visitor's submission: the link is on its way."""
    language = page_language(request)
    with translation.override(language):
        context = {"language": language, "verify_hours": verify_hours()}
        return _render(request, "portal/contact/sent.html", context)


def _confirmation(request: HttpRequest, case: Case, language: str) -> HttpResponse:
    spec = calendar_spec(calendar=case.site.calendar)
    with timezone.override(spec.zone):
        context = {"case": case, "language": language, "zone": spec.timezone}
        return _render(request, "portal/contact/done.html", context)


@never_cache
@require_GET
def contact_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation of a logged-in customer's submission: reference and deadline."""
    language = page_language(request)
    user = _customer_user(request)
    submission = (
        WebSubmission.objects.select_related("case__site__calendar")
        .filter(pk=pk, user=user, case__isnull=False)
        .first()
        if user is not None
        else None
    )
    if submission is None or submission.case is None:
        raise Http404
    with translation.override(language):
        return _confirmation(request, submission.case, language)


@never_cache
@require_GET
def contact_verify(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: opens the case (once); says so when the link expired."""
    language = page_language(request)
    with translation.override(language):
        try:
            submission = web_submission_verify(token=token)
        except PacteError:
            return _render(
                request, "portal/contact/link.html", {"language": language, "state": "unknown"}, 404
            )
        if submission.status == SubmissionStatus.EXPIRED or submission.case_id is None:
            return _render(
                request, "portal/contact/link.html", {"language": language, "state": "expired"}, 410
            )
        case = Case.objects.select_related("site__calendar").get(pk=submission.case_id)
        return _confirmation(request, case, language)
