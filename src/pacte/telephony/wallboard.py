"""The live wallboard's figures: per queue, who waits now and how today went, in one query.

"Now" is the caller's instant; "today" is its date in the site time zone. Callers
waiting are today's visits still in the ``waiting`` state (a visit left waiting on an
earlier day is stale, not a caller on hold). The service-level target the board colours
against is ``settings.PACTE_TELEPHONY_SERVICE_LEVEL_TARGET`` (default 0.8, T1.3's
80 %); the threshold is each queue's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Min, Q

from pacte.telephony.measures import TALLY_FIELDS, Tally, day_bounds, site_zone, visit_sums
from pacte.telephony.models import CallQueue, VisitOutcome

DEFAULT_TARGET = 0.8


def service_level_target() -> float:
    """The share of calls to answer within the threshold, from the settings."""
    return float(getattr(settings, "PACTE_TELEPHONY_SERVICE_LEVEL_TARGET", DEFAULT_TARGET))


@dataclass(frozen=True)
class WallboardQueue:
    name: str
    label: str
    agents_logged_in: int
    waiting: int
    longest_wait_seconds: int | None
    service_level_seconds: int
    today: Tally
    target: float

    @property
    def title(self) -> str:
        return self.label or self.name

    @property
    def below_target(self) -> bool:
        """True when today's service level is known and under the target."""
        level = self.today.service_level
        return level is not None and level < self.target


def wallboard(*, now: datetime, queue: str | None = None) -> list[WallboardQueue]:
    """Every queue (or the one named), in name order, with its live and today's figures."""
    start, end = day_bounds(now.astimezone(site_zone()).date())
    today = Q(visits__entered_at__gte=start, visits__entered_at__lt=end)
    waiting = today & Q(visits__outcome=VisitOutcome.WAITING, visits__entered_at__lte=now)
    queues = CallQueue.objects.all()
    if queue is not None:
        queues = queues.filter(name=queue)
    rows = (
        queues.values("name", "label", "agents_logged_in", "service_level_seconds")
        .annotate(
            **visit_sums(prefix="visits__", scope=today),
            waiting=Count("visits__id", filter=waiting),
            oldest=Min("visits__entered_at", filter=waiting),
        )
        .order_by("name")
    )
    target = service_level_target()
    return [
        WallboardQueue(
            name=row["name"],
            label=row["label"],
            agents_logged_in=row["agents_logged_in"],
            waiting=row["waiting"],
            longest_wait_seconds=_seconds_since(row["oldest"], now),
            service_level_seconds=row["service_level_seconds"],
            today=Tally(**{name: row.get(name) or 0 for name in TALLY_FIELDS}),
            target=target,
        )
        for row in rows
    ]


def _seconds_since(then: datetime | None, now: datetime) -> int | None:
    return None if then is None else max(0, int((now - then).total_seconds()))
