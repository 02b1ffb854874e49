"""Login by emailed link, for customers without a password (customers/login_links.py).

Anyone may ask for a link: the answer is the same whatever the address (no account
enumeration). Following the link shows a button that logs in: a GET never uses the
link up, so a mail scanner that opens links does not spend it. A used, expired or
unknown link says so on a page of its own. These pages are personal: never cached.
"""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pacte.core.errors import PacteError
from pacte.customers.errors import LoginLinkError
from pacte.customers.login_links import (
    link_minutes,
    login_link_check,
    login_link_request,
    login_link_use,
)
from pacte.workspace.customers.forms import LoginLinkForm

BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_ask(request: HttpRequest) -> HttpResponse:
    """The address form; then the same "check your email" page whatever the address."""
    form = LoginLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login_link_request(
            email=form.cleaned_data["email"],
            url_prefix=request.build_absolute_uri(reverse("workspace:login_link")),
            language=get_language() or "fr",
        )
        return redirect("workspace:login_link_sent")
    return render(request, "workspace/customers/login_link.html", {"form": form})


@never_cache
@require_GET
def login_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/customers/login_link_sent.html", {"minutes": link_minutes()})


def _refused(request: HttpRequest, error: PacteError) -> HttpResponse:
    states = {str(LoginLinkError.USED): "used", str(LoginLinkError.EXPIRED): "expired"}
    state = states.get(str(error.code), "unknown")
    return render(
        request,
        "workspace/customers/login_link_refused.html",
        {"state": state},
        status=error.status_code,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_follow(request: HttpRequest, token: str) -> HttpResponse:
    """GET: the link still works, a button logs in. POST: log in, the link is used up."""
    try:
        if request.method == "POST":
            user = login_link_use(token=token)
            login(request, user, backend=BACKEND)
            return redirect("workspace:my_cases")
        login_link_check(token=token)
    except PacteError as error:
        return _refused(request, error)
    return render(request, "workspace/customers/login_link_follow.html", {})
