"""Who may use the workspace's pages, and the case a request is about.

One rule for every HTML page (docs/workspace.md, "Refusals"):

- not logged in: a redirect to the login page, which comes back after;
- logged in, but the page is not for your role (a customer on a staff page, an agent
  on the compliance dashboard, a reader posting a change): 403, a styled page;
- an object you may not see (a case of another team, an unknown id): 404, as if it
  did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from pacte.cases.models import Case
from pacte.cases.selectors import access_case
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, may

View = Callable[..., HttpResponse]


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (it then wants a fragment, not the whole page)."""
    return request.headers.get("HX-Request") == "true"


def request_user(request: HttpRequest) -> User:
    """The logged-in user (the views are all behind ``login_required``)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def action_required(action: Action, *, post: Action | None = None) -> Callable[[View], View]:
    """A view decorator: log in first (a redirect); then a user the permission table
    (pacte.core.permissions) refuses ``action`` gets a 403, and so does a POST from a
    user it refuses ``post`` (when given: a page some read and fewer change)."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request_user(request)
            if not may(user, action):
                raise PermissionDenied
            if post is not None and request.method == "POST" and not may(user, post):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def require_action(request: HttpRequest, action: Action) -> None:
    """403 unless the permission table lets the request's user do ``action``."""
    if not may(request_user(request), action):
        raise PermissionDenied


def readable_case(request: HttpRequest, pk: int) -> Case:
    """The case ``pk`` if the user may read it; 404 otherwise."""
    try:
        return access_case(user=request_user(request), case_id=pk)
    except NotFoundError as error:
        raise Http404 from error


def writable_case(request: HttpRequest, pk: int) -> Case:
    """The case ``pk`` if the user may change it; 404 if unseen, 403 if read-only."""
    case = readable_case(request, pk)
    require_action(request, Action.CASE_WRITE)
    return case
