"""Telephone measures per queue and interval, and the live wallboard (issue 4, point 4).

For supervisors, quality managers, auditors and administrators (they read, change
nothing); anyone else gets a 404. The measures page is a GET form: without JavaScript
it reloads the page, with htmx only the result is swapped. The wallboard polls its panel
every 5 seconds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET

from pacte.core.clock import now
from pacte.core.dates import validate_supported_date
from pacte.telephony.measures import (
    INTERVAL_MINUTES,
    MeasureRow,
    Measures,
    Tally,
    queue_measures,
    site_zone,
)
from pacte.telephony.models import CallQueue
from pacte.telephony.wallboard import WallboardQueue, wallboard
from pacte.workspace.access import all_cases_required, is_htmx

PAGE = "workspace/telephony/measures.html"
RESULT = "workspace/telephony/measures_result.html"
BOARD = "workspace/telephony/wallboard.html"
PANEL = "workspace/telephony/wallboard_panel.html"
POLL_SECONDS = 5


def today() -> date:
    return now().astimezone(site_zone()).date()


class MeasuresForm(forms.Form):
    """The page's filters; every field has a default, so an empty query string is valid."""

    day = forms.DateField(
        label=gettext_lazy("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_supported_date],
    )
    interval = forms.TypedChoiceField(
        label=gettext_lazy("Interval (minutes)"),
        choices=[(minutes, str(minutes)) for minutes in INTERVAL_MINUTES],
        coerce=int,
    )
    queue = forms.ChoiceField(label=gettext_lazy("Queue"), required=False)

    def __init__(self, data: Any, *, queues: list[str]) -> None:
        values = {"day": today().isoformat(), "interval": "15", "queue": ""}
        values.update({key: data[key] for key in values if data.get(key)})
        super().__init__(values)
        choices = [("", gettext("All queues")), *((name, name) for name in queues)]
        queue = self.fields["queue"]
        if isinstance(queue, forms.ChoiceField):
            queue.choices = choices


def percent(value: float | None) -> str | None:
    return None if value is None else f"{number_format(round(value * 100, 1), 1)} %"


def seconds(value: float | None) -> str | None:
    return None if value is None else f"{number_format(round(value, 1), 1)} s"


def tally_cells(tally: Tally) -> dict[str, Any]:
    """A tally's figures as the table shows them (None: no data)."""
    return {
        "offered": tally.offered,
        "answered": tally.answered,
        "abandoned": tally.abandoned,
        "short_abandons": tally.short_abandons,
        "service_level": percent(tally.service_level),
        "asa": seconds(tally.average_speed_of_answer),
        "abandon_rate": percent(tally.abandon_rate),
        "talk": seconds(tally.mean_talk_seconds),
        "fcr": percent(tally.first_contact_resolution),
        "misroutes": percent(tally.misroute_rate),
        "misrouted": tally.misrouted,
        "calls": tally.calls,
    }


def row_cells(row: MeasureRow, minutes: int) -> dict[str, Any]:
    starts = row.starts_at.astimezone(site_zone()) if row.starts_at else None
    return {
        "queue": row.queue.name if row.queue else "",
        "title": row.queue.title if row.queue else gettext("All queues"),
        "threshold": row.queue.service_level_seconds if row.queue else None,
        "start": starts.strftime("%H:%M") if starts else "",
        "minutes": minutes,
        "motives": [
            {
                "label": m.label or gettext("No motive"),
                "count": m.talk_count,
                "talk": seconds(m.mean_talk_seconds),
            }
            for m in row.talk_by_motive
        ],
        **tally_cells(row.tally),
    }


def measures_context(measures: Measures | None) -> dict[str, Any]:
    if measures is None:
        return {"measures": None}
    minutes = measures.interval_minutes
    return {
        "measures": measures,
        "rows": [row_cells(row, minutes) for row in measures.rows],
        "queue_days": [row_cells(row, minutes) for row in measures.queue_days],
        "total": row_cells(measures.total, minutes),
    }


@all_cases_required
@require_GET
def telephony(request: HttpRequest) -> HttpResponse:
    """The measures table for a day, an interval length and optionally one queue."""
    queues = list(CallQueue.objects.order_by("name").values_list("name", flat=True))
    form = MeasuresForm(request.GET, queues=queues)
    measures = None
    if form.is_valid():
        measures = queue_measures(
            day=form.cleaned_data["day"],
            interval_minutes=form.cleaned_data["interval"],
            queue=form.cleaned_data["queue"] or None,
        )
    context = {"form": form, **measures_context(measures)}
    if is_htmx(request):  # htmx swaps only 2xx answers: the errors must show in place
        return render(request, RESULT, context)
    return render(request, PAGE, context, status=200 if form.is_valid() else 400)


def board_cells(queue: WallboardQueue) -> dict[str, Any]:
    return {
        "name": queue.name,
        "title": queue.title,
        "waiting": queue.waiting,
        "longest_wait": queue.longest_wait_seconds,
        "agents": queue.agents_logged_in,
        "threshold": queue.service_level_seconds,
        "target": percent(queue.target),
        "below_target": queue.below_target,
        **tally_cells(queue.today),
    }


def board_context() -> dict[str, Any]:
    at = now()
    return {
        "queues": [board_cells(queue) for queue in wallboard(now=at)],
        "updated_at": at.astimezone(site_zone()).strftime("%H:%M:%S"),
        "poll_seconds": POLL_SECONDS,
    }


@all_cases_required
@require_GET
def wallboard_page(request: HttpRequest) -> HttpResponse:
    """The live wallboard; its panel polls :func:`wallboard_panel`."""
    return render(request, BOARD, board_context())


@all_cases_required
@require_GET
def wallboard_panel(request: HttpRequest) -> HttpResponse:
    """The wallboard's figures alone, for the 5-second poll."""
    return render(request, PANEL, board_context())
