"""The public pages: read by anyone, without login, the same for every visitor."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pacte.portal.results import published_results

CACHE_SECONDS = 300


def page_language(request: HttpRequest) -> str:
    """``?lang=`` if it is a site language, else the site's default (French).

    The language is in the URL, not in a cookie or a header, so that a page is the same
    for everyone who asks for the same URL and any cache may keep it.
    """
    asked = request.GET.get("lang", "")
    languages = {code for code, _ in settings.LANGUAGES}
    return asked if asked in languages else settings.LANGUAGE_CODE


@require_GET
@cache_control(public=True, max_age=CACHE_SECONDS)
def results(request: HttpRequest) -> HttpResponse:
    """The scheme's commitments and the sealed results of its last closed months."""
    language = page_language(request)
    with translation.override(language):
        page = published_results(scheme_code=request.GET.get("scheme"))
        response = render(request, "portal/results.html", {"page": page, "language": language})
    response["Content-Language"] = language
    return response
