"""What the stolen-phone panels show: the three times and the 1 h clock in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pacte.cases.models import Case, Clock
from pacte.core import clock
from pacte.operations.stolen import StolenTimes, stolen_times


@dataclass(frozen=True, slots=True)
class StolenPanel:
    case: Case
    times: StolenTimes
    due_at: datetime | None
    clock_text: str
    clock_class: str  # "met", "breached" or "" (running)

    @property
    def blocked(self) -> bool:
        return (
            self.times.line_blocked_at is not None or self.times.imei_blocked_at is not None
        ) and self.times.unblocked_at is None


def _clock_words(found: Clock | None, times: StolenTimes, now: datetime) -> tuple[str, str]:
    if found is None:
        return _("No 1 h clock on this case."), ""
    done = times.blocked_at
    if done is not None:
        minutes = int((done - times.declared_at).total_seconds() // 60)
        if done <= found.effective_due_at:
            text = ngettext(
                "1 h clock met: both blocked in %(count)d minute",
                "1 h clock met: both blocked in %(count)d minutes",
                minutes,
            )
            return text % {"count": minutes}, "met"
        return _("1 h clock missed: both blocked after %(count)d minutes") % {
            "count": minutes
        }, "breached"
    left = int((found.effective_due_at - now).total_seconds() // 60)
    if left < 0:
        return _("1 h clock missed: overdue by %(count)d minutes") % {"count": -left}, "breached"
    text = ngettext(
        "%(count)d minute left to block both", "%(count)d minutes left to block both", left
    )
    return text % {"count": left}, ""


def stolen_panel(case: Case) -> StolenPanel:
    """The declaration's times and its clock (two queries)."""
    times = stolen_times(case)
    found = (
        Clock.objects.filter(case=case, commitment__code="T6.4").order_by("-pk").first()
        or Clock.objects.filter(case=case).order_by("-pk").first()
    )
    text, css = _clock_words(found, times, clock.now())
    return StolenPanel(
        case=case,
        times=times,
        due_at=found.effective_due_at if found else None,
        clock_text=text,
        clock_class=css,
    )
