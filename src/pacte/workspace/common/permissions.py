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
from pacte.core.roles import Role

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


def role_required(allowed: Callable[[User], bool]) -> Callable[[View], View]:
    """A view decorator: log in first (a redirect); then a role ``allowed`` refuses is a 403."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not allowed(request_user(request)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _is_staff(user: User) -> bool:
    return user.is_pacte_staff


def _sees_all_cases(user: User) -> bool:
    return user.sees_all_cases


def _is_administrator(user: User) -> bool:
    return user.role == Role.ADMINISTRATOR


def _is_not_staff(user: User) -> bool:
    return not user.is_pacte_staff


# Pacte staff: every role but customers and distributors.
staff_required = role_required(_is_staff)
# Staff who see every team (supervisor, quality manager, auditor, administrator).
supervisor_required = role_required(_sees_all_cases)
administrator_required = role_required(_is_administrator)
# Customers' and distributors' own pages.
outside_staff_required = role_required(_is_not_staff)


def readable_case(request: HttpRequest, pk: int) -> Case:
    """The case ``pk`` if the user may read it; 404 otherwise."""
    try:
        return access_case(user=request_user(request), case_id=pk)
    except NotFoundError as error:
        raise Http404 from error


def writable_case(request: HttpRequest, pk: int) -> Case:
    """The case ``pk`` if the user may change it; 404 if unseen, 403 if read-only."""
    case = readable_case(request, pk)
    if not request_user(request).writes_cases:
        raise PermissionDenied
    return case


def may_reassign(user: User) -> bool:
    """Supervisors (and administrators) reassign cases from the queue."""
    return user.writes_cases and user.sees_all_cases


# Pages for staff who see every team: the compliance dashboard, telephony, and the
# staffing planner (it stores nothing, so the read-only roles may use it too).
all_cases_required = supervisor_required
compliance_required = supervisor_required
staffing_required = supervisor_required
