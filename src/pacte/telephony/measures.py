"""Telephone measures per queue and interval (issue 4, point 4), aggregated in the database.

One query groups a day's :class:`QueueVisit` rows by queue, interval (15, 30 or 60
minutes, in the site time zone ``settings.TIME_ZONE``) and motive, and returns sums and
counts; everything else (rates, means, the totals) is arithmetic on those sums, so a
queue's day and the grand total are exact. The interval bucket is ``TruncHour`` plus
``minute // N``, which SQLite and PostgreSQL both compute.

Definitions (docs/telephony.md, "Measures and wallboard"):

- offered: visits that entered the queue in the interval (partial visits are never
  stored, so never offered); answered: visits with an answer time;
- abandoned: visits the caller hung up (outcome ``abandoned``; timeouts, exits with a
  key and "no agent" exits are neither answered nor abandoned); short abandons:
  abandoned after waiting less than the queue's ``short_abandon_seconds``;
- service level: answered within the queue's ``service_level_seconds`` ÷ (offered -
  short abandons); None ("no data") when that is 0;
- ASA: mean wait of the answered visits; abandon rate: abandoned ÷ offered; mean talk
  time, and per motive (the call's motive, else the queue's);
- call-level figures count each call once, in the queue and interval of its first
  visit: first-contact resolution = solved ÷ (solved + committed), IVR misroutes =
  misrouted calls ÷ calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, ExtractMinute, TruncHour
from django.utils import timezone
from django.utils.translation import get_language

from pacte.telephony.models import CallOutcome, QueueVisit, VisitOutcome

INTERVAL_MINUTES = (15, 30, 60)


def site_zone() -> tzinfo:
    """The site's time zone (``TIME_ZONE``; Django forgets it when the setting changes)."""
    return timezone.get_default_timezone()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """Local midnight of ``day`` and of the next day, as aware instants."""
    zone = site_zone()
    return (
        datetime.combine(day, time(0), tzinfo=zone),
        datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone),
    )


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Tally:
    """Sums and counts of visits; they add up exactly across intervals and queues."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    short_abandons: int = 0
    within: int = 0
    wait_sum: int = 0
    wait_count: int = 0
    talk_sum: int = 0
    talk_count: int = 0
    calls: int = 0
    solved: int = 0
    committed: int = 0
    misrouted: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def service_level(self) -> float | None:
        """Answered within the threshold ÷ (offered - short abandons); None: no data."""
        return _ratio(self.within, self.offered - self.short_abandons)

    @property
    def average_speed_of_answer(self) -> float | None:
        return _ratio(self.wait_sum, self.wait_count)

    @property
    def abandon_rate(self) -> float | None:
        return _ratio(self.abandoned, self.offered)

    @property
    def mean_talk_seconds(self) -> float | None:
        return _ratio(self.talk_sum, self.talk_count)

    @property
    def first_contact_resolution(self) -> float | None:
        return _ratio(self.solved, self.solved + self.committed)

    @property
    def misroute_rate(self) -> float | None:
        return _ratio(self.misrouted, self.calls)


TALLY_FIELDS = tuple(f.name for f in fields(Tally))


@dataclass(frozen=True)
class QueueInfo:
    name: str
    label: str
    service_level_seconds: int
    short_abandon_seconds: int

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass
class MotiveTalk:
    """Talk time of the answered visits of one motive (code "" for no motive)."""

    code: str
    label_fr: str
    label_en: str
    talk_sum: int = 0
    talk_count: int = 0

    @property
    def label(self) -> str:
        return self.label_fr if (get_language() or "").startswith("fr") else self.label_en

    @property
    def mean_talk_seconds(self) -> float | None:
        return _ratio(self.talk_sum, self.talk_count)


@dataclass
class MeasureRow:
    """One queue over one interval (or its whole day when ``starts_at`` is None)."""

    queue: QueueInfo | None
    starts_at: datetime | None
    tally: Tally = field(default_factory=Tally)
    motives: dict[str, MotiveTalk] = field(default_factory=dict)

    def add(self, tally: Tally, motive: MotiveTalk) -> None:
        self.tally = self.tally + tally
        known = self.motives.setdefault(motive.code, MotiveTalk(**_motive_labels(motive)))
        known.talk_sum += motive.talk_sum
        known.talk_count += motive.talk_count

    @property
    def talk_by_motive(self) -> list[MotiveTalk]:
        """Motives with talk time, in code order ("no motive" last)."""
        talked = [m for m in self.motives.values() if m.talk_count]
        return sorted(talked, key=lambda m: (m.code == "", m.code))


def _motive_labels(motive: MotiveTalk) -> dict[str, Any]:
    return {"code": motive.code, "label_fr": motive.label_fr, "label_en": motive.label_en}


@dataclass
class Measures:
    day: date
    interval_minutes: int
    rows: list[MeasureRow]
    queue_days: list[MeasureRow]
    total: MeasureRow


def queue_measures(*, day: date, interval_minutes: int, queue: str | None = None) -> Measures:
    """Measures of ``day`` (site time zone) per queue and interval, in one query.

    Rows come in queue-name then time order; intervals without a visit are absent.
    ``queue`` limits them to the queue of that name. Reads only.
    """
    if interval_minutes not in INTERVAL_MINUTES:
        raise ValueError(f"interval must be one of {INTERVAL_MINUTES}")
    start, end = day_bounds(day)
    visits = QueueVisit.objects.filter(entered_at__gte=start, entered_at__lt=end)
    if queue is not None:
        visits = visits.filter(queue__name=queue)
    rows: dict[tuple[str, datetime], MeasureRow] = {}
    queue_days: dict[str, MeasureRow] = {}
    total = MeasureRow(queue=None, starts_at=None)
    for group in _grouped(visits, interval_minutes):
        info = QueueInfo(
            name=group["queue__name"],
            label=group["queue__label"],
            service_level_seconds=group["queue__service_level_seconds"],
            short_abandon_seconds=group["queue__short_abandon_seconds"],
        )
        starts_at = group["hour"] + timedelta(minutes=group["slot"] * interval_minutes)
        tally = Tally(**{name: group[name] or 0 for name in TALLY_FIELDS})
        motive = MotiveTalk(
            code=group["motive_code"] or "",
            label_fr=group["motive_fr"] or "",
            label_en=group["motive_en"] or "",
            talk_sum=tally.talk_sum,
            talk_count=tally.talk_count,
        )
        rows.setdefault((info.name, starts_at), MeasureRow(info, starts_at)).add(tally, motive)
        queue_days.setdefault(info.name, MeasureRow(info, None)).add(tally, motive)
        total.add(tally, motive)
    return Measures(
        day=day,
        interval_minutes=interval_minutes,
        rows=[rows[key] for key in sorted(rows)],
        queue_days=[queue_days[name] for name in sorted(queue_days)],
        total=total,
    )


def _first_visit() -> Q:
    """No earlier visit of the same call: where call-level figures are counted."""
    earlier = QueueVisit.objects.filter(call=OuterRef("call")).filter(
        Q(entered_at__lt=OuterRef("entered_at"))
        | Q(entered_at=OuterRef("entered_at"), pk__lt=OuterRef("pk"))
    )
    return ~Q(Exists(earlier))


def visit_sums(*, prefix: str = "", scope: Q | None = None) -> dict[str, Any]:
    """The aggregates of :class:`Tally`, over the visits reached through ``prefix``
    (``visits__`` from a queue) that match ``scope``."""
    p = prefix
    base = scope if scope is not None else Q()
    answered = base & Q(**{f"{p}answered_at__isnull": False})
    waited = answered & Q(**{f"{p}wait_seconds__isnull": False})
    abandoned = base & Q(**{f"{p}outcome": VisitOutcome.ABANDONED})
    talked = base & Q(**{f"{p}talk_seconds__isnull": False})
    queue = "" if p else "queue__"
    return {
        "offered": Count(f"{p}id", filter=scope),
        "answered": Count(f"{p}id", filter=answered),
        "abandoned": Count(f"{p}id", filter=abandoned),
        "short_abandons": Count(
            f"{p}id",
            filter=abandoned & Q(**{f"{p}wait_seconds__lt": F(f"{queue}short_abandon_seconds")}),
        ),
        "within": Count(
            f"{p}id",
            filter=waited & Q(**{f"{p}wait_seconds__lte": F(f"{queue}service_level_seconds")}),
        ),
        "wait_sum": Sum(f"{p}wait_seconds", filter=waited),
        "wait_count": Count(f"{p}id", filter=waited),
        "talk_sum": Sum(f"{p}talk_seconds", filter=talked),
        "talk_count": Count(f"{p}id", filter=talked),
    }


def _grouped(visits: QuerySet[QueueVisit], minutes: int) -> QuerySet[QueueVisit, dict[str, Any]]:
    zone = site_zone()
    first = _first_visit()
    sums = visit_sums()
    return (
        visits.annotate(
            hour=TruncHour("entered_at", tzinfo=zone),
            slot=Cast(ExtractMinute("entered_at", tzinfo=zone), IntegerField()) / Value(minutes),
            motive_code=Coalesce("call__motive__code", "queue__motive__code"),
            motive_fr=Coalesce("call__motive__label_fr", "queue__motive__label_fr"),
            motive_en=Coalesce("call__motive__label_en", "queue__motive__label_en"),
        )
        .values(
            "queue__name",
            "queue__label",
            "queue__service_level_seconds",
            "queue__short_abandon_seconds",
            "hour",
            "slot",
            "motive_code",
            "motive_fr",
            "motive_en",
        )
        .annotate(
            **sums,
            calls=Count("id", filter=first),
            solved=Count("id", filter=first & Q(call__outcome=CallOutcome.SOLVED)),
            committed=Count("id", filter=first & Q(call__outcome=CallOutcome.COMMITTED)),
            misrouted=Count("id", filter=first & Q(call__misrouted=True)),
        )
        .order_by()
    )
