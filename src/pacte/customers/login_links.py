"""Login by emailed link: a customer's account logs in without a password.

A customer gives an email address. If it is the address of an active customer account
(the account's own address, or the address of the customer record tied to it through
``Customer.user``), a single-use link is written and emailed; whatever the address, the
caller is told the same thing (no account enumeration), and nothing is sent beyond
``PACTE_LOGIN_LINK_PER_HOUR`` links per address and hour.

The link's token is ``HMAC(SECRET_KEY, nonce)``: the row keeps the random nonce and the
token's SHA-256, the queued job keeps the row's id, so neither the database nor the job
queue holds a usable link. A link works once, for ``PACTE_LOGIN_LINK_MINUTES`` (30).
The email is a job of the worker (a row it polls, like every outbound email): retried
a few times on an SMTP failure while the link still works.
"""

from __future__ import annotations

import hashlib
import secrets
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_tasks import task

from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.customers.errors import LoginLinkError
from pacte.customers.models import LoginLink

SALT = "pacte.customers.login_link"
SEND_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=1)


class LinkGoneError(PacteError):
    """The link existed but no longer works (used or expired)."""

    status_code = 410


def link_minutes() -> int:
    """How long a login link works, in minutes (``PACTE_LOGIN_LINK_MINUTES``, 30)."""
    return int(getattr(settings, "PACTE_LOGIN_LINK_MINUTES", 30))


def links_per_hour() -> int:
    """Links sent to one address in an hour at most (``PACTE_LOGIN_LINK_PER_HOUR``, 3)."""
    return int(getattr(settings, "PACTE_LOGIN_LINK_PER_HOUR", 3))


def link_token(link: LoginLink) -> str:
    return salted_hmac(SALT, link.nonce, algorithm="sha256").hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _accounts(address: str) -> list[User]:
    """The active customer accounts ``address`` belongs to (their own or their customer
    record's address); at most a few."""
    return list(
        User.objects.filter(role=Role.CUSTOMER, is_active=True, customer__isnull=False)
        .filter(Q(email__iexact=address) | Q(customer__email__iexact=address))
        .order_by("pk")[:5]
    )


@transaction.atomic
def login_link_request(*, email: str, url_prefix: str, language: str) -> int:
    """Write and queue a login link for each customer account of ``email``.

    ``url_prefix`` is the absolute URL the token is appended to (``…/login/link/``).
    Returns how many links were queued: the caller must not tell the user (0 for an
    unknown address, an inactive account or an address over its hourly limit).
    """
    address = email.strip().lower()
    if not address or "@" not in address:
        return 0
    now = clock.now()
    recent = LoginLink.objects.filter(email=address, created_at__gt=now - timedelta(hours=1))
    budget = links_per_hour() - recent.count()
    queued = 0
    for user in _accounts(address)[: max(budget, 0)]:
        nonce = secrets.token_hex(16)
        link = LoginLink(
            user=user,
            email=address,
            nonce=nonce,
            language=language,
            created_at=now,
            expires_at=now + timedelta(minutes=link_minutes()),
        )
        link.token_hash = token_digest(link_token(link))
        link.save()
        transaction.on_commit(partial(_enqueue, link.pk, url_prefix))
        queued += 1
    return queued


def _enqueue(link_id: int, url_prefix: str, *, later: bool = False) -> None:
    if later:
        login_link_send_task.using(run_after=clock.now() + RETRY_AFTER).enqueue(link_id, url_prefix)
    else:
        login_link_send_task.enqueue(link_id, url_prefix)


def login_link_send(*, link_id: int, url_prefix: str) -> bool:
    """Email the link (the worker's job); False when there is nothing to send (sent,
    used, expired) or the attempt failed (queued again while attempts and time remain)."""
    now = clock.now()
    link = LoginLink.objects.filter(pk=link_id).first()
    if link is None or link.sent_at or link.used_at or link.expires_at <= now:
        return False
    LoginLink.objects.filter(pk=link.pk).update(send_attempts=F("send_attempts") + 1)
    with translation.override(link.language):
        subject = _("Your login link")
        body = _(
            "Hello,\n\nTo see your cases, follow this link within %(minutes)d minutes:\n\n"
            "%(link)s\n\nIt works once. If you did not ask for it, ignore this email: "
            "nobody can log in without the link.\n"
        ) % {"minutes": link_minutes(), "link": f"{url_prefix}{link_token(link)}/"}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [link.email])
    except (OSError, smtplib.SMTPException):
        if link.send_attempts + 1 < SEND_ATTEMPTS and now + RETRY_AFTER < link.expires_at:
            _enqueue(link.pk, url_prefix, later=True)
        return False
    LoginLink.objects.filter(pk=link.pk).update(sent_at=clock.now())
    return True


@task()
def login_link_send_task(link_id: int, url_prefix: str) -> bool:
    """Email a login link (the worker); sends nothing once it is sent, used or expired.
    Defined beside ``login_link_send`` (``customers.tasks`` re-exports it)."""
    return login_link_send(link_id=link_id, url_prefix=url_prefix)


def _valid(link: LoginLink | None) -> LoginLink:
    if link is None:
        raise NotFoundError(LoginLinkError.UNKNOWN, "This login link is not valid.")
    if link.used_at is not None:
        raise LinkGoneError(LoginLinkError.USED, "This login link was already used.")
    if link.expires_at <= clock.now():
        raise LinkGoneError(LoginLinkError.EXPIRED, "This login link has expired.")
    if not link.user.is_active or link.user.role != Role.CUSTOMER:
        raise NotFoundError(LoginLinkError.UNKNOWN, "This login link is not valid.")
    return link


def login_link_check(*, token: str) -> LoginLink:
    """The link ``token`` opens, if it still works (nothing consumed: a mail scanner
    following the link does not use it up). NotFoundError (unknown) or LinkGoneError
    (used, expired)."""
    found = (
        LoginLink.objects.select_related("user").filter(token_hash=token_digest(token)).first()
        if token
        else None
    )
    return _valid(found)


@transaction.atomic
def login_link_use(*, token: str) -> User:
    """Consume the link ``token`` opens and return its account (the caller logs it in).
    Takes the link's row lock: of two uses at once, one succeeds. Refused as
    ``login_link_check`` says."""
    found = (
        LoginLink.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=token_digest(token))
        .first()
        if token
        else None
    )
    link = _valid(found)
    link.used_at = clock.now()
    link.save(update_fields=["used_at"])
    return link.user
