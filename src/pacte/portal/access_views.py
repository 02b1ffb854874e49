"""The public access page: how to reach customer service, read by anyone without login.

Shows the latest publication (never the draft), in French by default or in English
with ``?lang=en``, with the same cache headers as the results page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pacte.access.presenters import PageView, page_view
from pacte.access.selectors import access_page as page_in_force
from pacte.core import clock
from pacte.portal.views import CACHE_SECONDS, page_language


def published_view(language: str) -> PageView | None:
    """The latest publication in ``language``; None when nothing was published yet."""
    page = page_in_force(at=clock.now())
    if page is None:
        return None
    footer = (page.publication.bill_footer_fr, page.publication.bill_footer_en)
    return page_view(
        channels=list(page.channels),
        services=list(page.services),
        footer=footer,
        published_at=page.publication.published_at,
        language=language,
    )


@require_GET
@cache_control(public=True, max_age=CACHE_SECONDS)
def access_page(request: HttpRequest) -> HttpResponse:
    """Every published channel with its number or address, hours and price; the services."""
    language = page_language(request)
    with translation.override(language):
        context = {"page": published_view(language), "language": language}
        response = render(request, "portal/access/page.html", context)
    response["Content-Language"] = language
    return response
