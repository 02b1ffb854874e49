"""Django's error handlers: the API's ``{code, detail}`` under ``/api/``, a styled page elsewhere.

Views refuse with ``Http404``, ``PermissionDenied`` or ``SuspiciousOperation`` (a body
over ``DATA_UPLOAD_MAX_MEMORY_SIZE``…); Django hands these to the handlers below. Under
``/api/`` the answer is the API's error shape (DRF views already answer it themselves;
these cover what happens outside them: an unknown URL, a body refused before the view,
an unexpected error). Elsewhere it is one page in the user's language, with the
workspace's navigation for the signed-in user (403, 404, 400); the 500 page is rendered
without the request, hence without the database, so that it shows even when the database
is down (its navigation is then the signed-out one).
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.api.common.errors import refusal_body

API_PREFIX = "/api/"

PAGES: dict[int, tuple[Promise, Promise]] = {
    400: (
        _("Bad request"),
        _("The request could not be read: a value is malformed or out of range."),
    ),
    403: (_("Access refused"), _("Your role does not give access to this page.")),
    404: (_("Page not found"), _("This page does not exist, or it is not one you may see.")),
    500: (
        _("Server error"),
        _("Something went wrong on our side. Try again in a moment."),
    ),
}
API_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "The request could not be read."),
    403: ("permission_denied", "You may not do this."),
    404: ("not_found", "No such endpoint."),
    500: ("server_error", "Something went wrong on our side. Try again in a moment."),
}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error_response(request: HttpRequest, status: int) -> HttpResponse:
    """The ``{code, detail}`` body under ``/api/``, the styled page elsewhere."""
    if _is_api(request):
        code, detail = API_ERRORS[status]
        return JsonResponse({"code": code, "detail": detail}, status=status)
    title, message = PAGES[status]
    context = {"status": status, "title": title, "message": message}
    with_request = request if status != 500 else None
    page = render_to_string("errors/error.html", context, request=with_request)
    return HttpResponse(page, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request) and isinstance(exception, SuspiciousOperation):
        status, body = refusal_body(exception)
        return JsonResponse(body, status=status)
    return error_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500)
