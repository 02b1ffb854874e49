"""Telephone measures per queue and interval, the live wallboard (issue 4, point 4), and
the Erlang C staffing planner.

For supervisors, quality managers, auditors and administrators (they read, change
nothing); anyone else gets a 404. The measures page is a GET form: without JavaScript
it reloads the page, with htmx only the result is swapped. The wallboard polls its panel
every 5 seconds.

The staffing planner takes a day's forecast and gives the agents required per interval;
given the callers' mean patience, each row also shows Erlang A's agents, service level,
abandon rate and average wait beside Erlang C's. Without JavaScript the form posts the
whole page; with htmx only the result part is swapped.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from pacte.core.clock import now
from pacte.core.permissions import Action
from pacte.telephony.erlang_a import ErlangAFigures
from pacte.telephony.measures import (
    MeasureRow,
    Measures,
    Tally,
    queue_measures,
    site_zone,
)
from pacte.telephony.planner import StaffingPlan, erlang_a_caveat, staffing_caveat
from pacte.telephony.selectors import queue_names
from pacte.telephony.wallboard import WallboardQueue, wallboard
from pacte.workspace.common.permissions import action_required, is_htmx
from pacte.workspace.telephony.forms import MeasuresForm, StaffingForm

PAGE = "workspace/telephony/measures.html"
RESULT = "workspace/telephony/measures_result.html"
BOARD = "workspace/telephony/wallboard.html"
PANEL = "workspace/telephony/wallboard_panel.html"
STAFFING_PAGE = "workspace/telephony/staffing.html"
STAFFING_RESULT = "workspace/telephony/staffing_result.html"
POLL_SECONDS = 5


def percent(value: float | None) -> str | None:
    return None if value is None else f"{number_format(round(value * 100, 1), 1)}\u00a0%"


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


@action_required(Action.TELEPHONY_READ)
@require_GET
def telephony(request: HttpRequest) -> HttpResponse:
    """The measures table for a day, an interval length and optionally one queue."""
    queues = queue_names()
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


@action_required(Action.TELEPHONY_READ)
@require_GET
def wallboard_page(request: HttpRequest) -> HttpResponse:
    """The live wallboard; its panel polls :func:`wallboard_panel`."""
    return render(request, BOARD, board_context())


@action_required(Action.TELEPHONY_READ)
@require_GET
def wallboard_panel(request: HttpRequest) -> HttpResponse:
    """The wallboard's figures alone, for the 5-second poll."""
    return render(request, PANEL, board_context())


def erlang_a_cells(figures: ErlangAFigures | None) -> dict[str, object]:
    """Erlang A's cells of a row (shares as percentages); none without a patience."""
    if figures is None:
        return {}
    return {
        "a_agents": figures.agents,
        "a_service_level": figures.service_level * 100,
        "a_abandon": figures.probability_of_abandoning * 100,
        "a_wait": figures.average_wait_seconds,
    }


def plan_rows(plan: StaffingPlan | None) -> list[dict[str, object]]:
    """The table's rows: shares as percentages, start as HH:MM."""
    if plan is None:
        return []
    erlang_a: list[ErlangAFigures | None] = [*plan.erlang_a] or [None] * len(plan.rows)
    return [
        {
            "start": row.forecast.starts_at.strftime("%H:%M"),
            "arrivals": row.forecast.arrivals,
            "handle_seconds": row.forecast.handle_seconds,
            "traffic": row.figures.traffic_erlangs,
            "agents": row.figures.agents,
            "service_level": row.figures.service_level * 100,
            "asa": row.figures.average_speed_of_answer_seconds,
            "occupancy": row.figures.occupancy * 100,
            **erlang_a_cells(figures),
        }
        for row, figures in zip(plan.rows, erlang_a, strict=True)
    ]


@action_required(Action.STAFFING)
@require_http_methods(["GET", "POST"])
def staffing(request: HttpRequest) -> HttpResponse:
    """The planner's form; on POST, the plan (or the form's errors) below it."""
    form = StaffingForm(request.POST) if request.method == "POST" else StaffingForm()
    if form.is_bound:
        form.is_valid()
    context = {
        "form": form,
        "plan": form.plan,
        "rows": plan_rows(form.plan),
        "caveat": staffing_caveat(),
        "erlang_a_caveat": erlang_a_caveat(),
    }
    template = STAFFING_RESULT if form.is_bound and is_htmx(request) else STAFFING_PAGE
    return render(request, template, context)
