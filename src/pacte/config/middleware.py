"""Requests refused before any view: text the database cannot hold.

PostgreSQL refuses a NUL character in text, even in a lookup, and a lone surrogate is
not text at all: a page that looked a scheme, a team or a customer up by such a value
would answer 500 on PostgreSQL (SQLite only finds nothing). The API's bodies are
checked by its parsers (``pacte.api.common.parsers``), naming the field; this checks,
for every request, the URL's path and query string and, outside the API, the submitted
form, and refuses with ``UnstorableRequest``: the API's ``{code, detail}`` 400 under
``/api/``, the styled 400 page elsewhere (``pacte.config.error_views``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from pacte.config.error_views import API_PREFIX
from pacte.core.text import UnstorableRequest, storable

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _place(data: QueryDict) -> str | None:
    """The first field of ``data`` whose name or a value is not storable."""
    for name, values in data.lists():
        if not storable(name):
            return "query"
        for value in values:
            if isinstance(value, str) and not storable(value):
                return name
    return None


def unstorable_place(request: HttpRequest) -> str | None:
    """Where ``request`` holds text that cannot be stored (``path``, a field), or None."""
    if not storable(request.path):
        return "path"
    place = _place(request.GET)
    form = request.method == "POST" and request.content_type in FORM_TYPES
    if place is None and form and not request.path.startswith(API_PREFIX):
        place = _place(request.POST)
    return place


class StorableInputMiddleware:
    """Refuse a request holding NUL or a lone surrogate where a view would read it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        place = unstorable_place(request)
        if place is not None:
            raise UnstorableRequest(place)
        return self.get_response(request)
