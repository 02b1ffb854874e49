"""Who may use the workspace, and the case a request is about.

Customers and distributors have no workspace: every staff page is a 404 for them,
as a case they may not see is. Auditors and quality managers read cases; a POST
from them is a 403.
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


def staff_required(view: View) -> View:
    """Log in first; then anyone but Pacte staff gets a 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request_user(request).is_pacte_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def supervisor_required(view: View) -> View:
    """Staff who see every team (supervisor, quality manager, auditor, administrator)."""

    @staff_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request_user(request).sees_all_cases:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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


def all_cases_required(view: View) -> View:
    """Pages for staff who see every team (supervisors, quality managers, auditors,
    administrators). Anyone else is a 404 (agents included: the page does not exist
    for them)."""

    @staff_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request_user(request).sees_all_cases:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# The compliance dashboard, and the staffing planner (it stores nothing, so the
# read-only roles may use it too).
compliance_required = all_cases_required
staffing_required = all_cases_required
