"""Requests refused before any view: text the database cannot hold.

PostgreSQL refuses a NUL character in text, even in a lookup, and a lone surrogate is
not text at all: a page that looked a scheme, a team or a customer up by such a value
would answer 500 on PostgreSQL (SQLite only finds nothing). So, for every request:

- a path holding one names nothing: 404 (the API's ``{code, detail}`` under ``/api/``,
  the styled page elsewhere, ``pacte.config.error_views``);
- outside the API, a query string or submitted form holding one is a 400
  (``UnstorableRequest``, the styled page). The API's query strings and bodies are
  checked by its serializers and parsers (``pacte.api.common.parsers``), naming the
  field, with the statuses its document declares.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, QueryDict

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
    """The field of a page's query string or form holding text that cannot be stored."""
    if request.path.startswith(API_PREFIX):
        return None
    place = _place(request.GET)
    if place is None and request.method == "POST" and request.content_type in FORM_TYPES:
        place = _place(request.POST)
    return place


class StorableInputMiddleware:
    """Refuse a request holding NUL or a lone surrogate where a view would read it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not storable(request.path):
            raise Http404("No such page.")
        place = unstorable_place(request)
        if place is not None:
            raise UnstorableRequest(place)
        return self.get_response(request)
