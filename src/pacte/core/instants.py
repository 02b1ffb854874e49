"""When something happened, as the server records it: the backdating policy (docs/trail.md).

An instant that decides a verdict (a receipt, an answer, a deadline told…) is the
server's clock when a person acts. Only an integration that holds the permission
``core.record_past_instants`` (the ACD, a mail gateway, an import of history), or
Pacte's own jobs (no user: the mail intake, the queue_log import), may say that
something happened earlier, and only within the installation's window
(``PACTE_BACKDATE_WINDOW_HOURS``, 24 h by default), never before the case's receipt
and never later than the clock-skew tolerance (``PACTE_CLOCK_SKEW_SECONDS``, 120 s)
ahead of the server. Such an instant is *late-recorded* when it is older than that
tolerance: the event keeps both ``at`` and ``recorded_at`` and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext_lazy

from pacte.core import clock
from pacte.core.errors import ForbiddenError, PacteError, error_texts
from pacte.core.models import User
from pacte.core.permissions import PAST_PERMISSION as PAST_PERMISSION
from pacte.core.permissions import Action, may


class InstantError(StrEnum):
    NAIVE = "naive_datetime"
    IN_FUTURE = "instant_in_future"
    BACKDATING_NOT_ALLOWED = "backdating_not_allowed"
    OUTSIDE_WINDOW = "instant_outside_window"
    BEFORE_RECEIPT = "instant_before_receipt"


@dataclass(frozen=True, slots=True)
class Stamp:
    """When it happened (``at``), when the server recorded it, and whether ``at`` was
    given after the fact."""

    at: datetime
    recorded_at: datetime
    late: bool

    @classmethod
    def now(cls) -> Stamp:
        instant = clock.now()
        return cls(at=instant, recorded_at=instant, late=False)


def clock_skew() -> timedelta:
    """How far an integration's clock may be off the server's."""
    return timedelta(seconds=int(getattr(settings, "PACTE_CLOCK_SKEW_SECONDS", 120)))


def backdate_window() -> timedelta:
    """How far back an integration may date what it records."""
    return timedelta(hours=int(getattr(settings, "PACTE_BACKDATE_WINDOW_HOURS", 24)))


def may_backdate(actor: User | None) -> bool:
    """Pacte's own jobs (no actor) and integrations holding the permission. A
    superuser is a person: the permission is never implied by that status."""
    if actor is None:
        return True
    return may(actor, Action.BACKDATE)


def require_aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise PacteError(InstantError.NAIVE, f"{field} must carry a time zone.")
    return value


def _hours(window: timedelta) -> str:
    hours = window.total_seconds() / 3600
    return f"{hours:g} h"


def past_instant_check(
    *, claimed: datetime, actor: User | None, field: str, window: timedelta | None = None
) -> bool:
    """Whether ``claimed`` (aware, not ahead of the clock-skew tolerance) is
    late-recorded; refuses it when it is older than the tolerance and ``actor`` is a
    person (403 ``backdating_not_allowed``), or older than ``window`` (default: the
    installation's; ``instant_outside_window``)."""
    now = clock.now()
    if claimed >= now - clock_skew():
        return False
    if not may_backdate(actor):
        raise ForbiddenError(
            InstantError.BACKDATING_NOT_ALLOWED,
            f"{field} is in the past: what a person does is recorded at the server's time; "
            "only an integration with the permission may record an earlier instant.",
        )
    limit = window if window is not None else backdate_window()
    if claimed < now - limit:
        raise PacteError(
            InstantError.OUTSIDE_WINDOW,
            f"{field} is more than {_hours(limit)} before the server's time: outside "
            "the window for recording past events.",
        )
    return True


def instant_stamp(
    *,
    claimed: datetime | None,
    actor: User | None,
    field: str,
    not_before: datetime | None = None,
    window: timedelta | None = None,
) -> Stamp:
    """Stamp an event at the server's clock, or at ``claimed`` when the policy allows it.

    - nothing claimed: now;
    - claimed within the clock-skew tolerance of now: now for a person, the claimed
      instant (never later than now) for an integration; not late;
    - claimed further ahead: refused (``instant_in_future``);
    - claimed earlier: refused to a person (403 ``backdating_not_allowed``); for an
      integration, refused when older than ``window`` (default: the installation's) or
      before ``not_before`` (the case's receipt), else kept and marked late.
    """
    now = clock.now()
    if claimed is None:
        return Stamp(at=now, recorded_at=now, late=False)
    require_aware(claimed, field)
    if claimed > now + clock_skew():
        raise PacteError(
            InstantError.IN_FUTURE,
            f"{field} is in the future ({claimed.isoformat()}); the server's time is "
            f"{now.isoformat()}.",
        )
    late = past_instant_check(claimed=claimed, actor=actor, field=field, window=window)
    at = min(claimed, now) if may_backdate(actor) else now
    if not_before is not None and at < not_before:
        raise PacteError(
            InstantError.BEFORE_RECEIPT,
            f"{field} ({at.isoformat()}) is before the case was received "
            f"({not_before.isoformat()}).",
        )
    return Stamp(at=at, recorded_at=now, late=late)


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        InstantError.NAIVE: gettext_lazy("The instant needs a time zone."),
        InstantError.IN_FUTURE: gettext_lazy("The instant is in the future."),
        InstantError.BACKDATING_NOT_ALLOWED: gettext_lazy(
            "Only the mail room or an integration may record something as earlier than now."
        ),
        InstantError.OUTSIDE_WINDOW: gettext_lazy("The instant is too far back."),
        InstantError.BEFORE_RECEIPT: gettext_lazy("The instant is before the case's receipt."),
    }
)
