"""A deadline in business terms, in the user's language: "due Thu 23:59, 1 business day left".

Pure: the instant, the deadline and the site's calendar come in; words come out in the
active language. Days are counted on the site's calendar in the site's time zone, as
``business_days_between`` counts them (0 on the due day itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.utils.translation import get_language, gettext, ngettext

from pacte.business_calendar.arithmetic import business_days_between
from pacte.business_calendar.spec import CalendarSpec
from pacte.core.dates import day_text, time_text, weekday_text

# Within this many days a deadline is named by its weekday alone ("Thu").
WEEKDAY_HORIZON = timedelta(days=6)


class Urgency(StrEnum):
    """How pressing a deadline is; also the CSS class of its label."""

    NONE = "no-deadline"
    BREACHED = "breached"
    TODAY = "due-today"
    SOON = "due-soon"
    LATER = "due-later"


@dataclass(frozen=True, slots=True)
class DeadlineLabel:
    text: str
    urgency: Urgency
    business_days: int | None = None

    @property
    def css_class(self) -> str:
        return str(self.urgency)

    @property
    def breached(self) -> bool:
        return self.urgency is Urgency.BREACHED


def describe_deadline(
    *, due_at: datetime | None, now: datetime, spec: CalendarSpec
) -> DeadlineLabel:
    """The deadline ``due_at`` seen at ``now`` on calendar ``spec``, in the active language."""
    if due_at is None:
        return DeadlineLabel(gettext("no deadline"), Urgency.NONE)
    if due_at < now:
        return _breached(due_at=due_at, now=now, spec=spec)
    return _running(due_at=due_at, now=now, spec=spec)


def _running(*, due_at: datetime, now: datetime, spec: CalendarSpec) -> DeadlineLabel:
    local_due = due_at.astimezone(spec.zone)
    today = now.astimezone(spec.zone).date()
    left = business_days_between(now, due_at, spec)
    clock = time_text(local_due, _language())
    if local_due.date() == today:
        text = gettext("due today %(time)s") % {"time": clock}
        return DeadlineLabel(text, Urgency.TODAY, 0)
    day_label = day_name(local_due.date(), today=today)
    urgency = Urgency.SOON if left <= 1 else Urgency.LATER
    if left == 0:
        text = gettext("due %(day)s %(time)s") % {"day": day_label, "time": clock}
        return DeadlineLabel(text, urgency, 0)
    text = ngettext(
        "due %(day)s %(time)s, %(count)d business day left",
        "due %(day)s %(time)s, %(count)d business days left",
        left,
    ) % {"day": day_label, "time": clock, "count": left}
    return DeadlineLabel(text, urgency, left)


def _breached(*, due_at: datetime, now: datetime, spec: CalendarSpec) -> DeadlineLabel:
    local_due = due_at.astimezone(spec.zone)
    today = now.astimezone(spec.zone).date()
    late = business_days_between(due_at, now, spec)
    if local_due.date() == today:
        text = gettext("breached today %(time)s") % {"time": time_text(local_due, _language())}
    elif late == 0:
        text = gettext("breached %(day)s %(time)s") % {
            "day": day_name(local_due.date(), today=today),
            "time": time_text(local_due, _language()),
        }
    else:
        text = ngettext(
            "breached %(count)d business day ago",
            "breached %(count)d business days ago",
            late,
        ) % {"count": late}
    return DeadlineLabel(text, Urgency.BREACHED, -late)


def day_name(day: date, *, today: date) -> str:
    """The day as "Thu" within a week of ``today``, else "Thu 26 Mar" (with a year if not this).

    In French: "jeu.", "jeu. 26 mars", "jeu. 26 mars 2027" (:mod:`pacte.core.dates`).
    """
    language = _language()
    if abs(day - today) <= WEEKDAY_HORIZON:
        return weekday_text(day, language)
    return day_text(day, language, year=day.year != today.year)


def _language() -> str:
    return get_language() or "fr"
