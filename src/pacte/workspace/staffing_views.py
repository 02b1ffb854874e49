"""The Erlang C staffing planner: a day's forecast in, the agents required per interval.

Given the callers' mean patience, each row also shows Erlang A's agents, service
level, abandon rate and average wait beside Erlang C's.

Supervisors, quality managers, auditors and administrators (it reads and changes
nothing); anyone else gets a 404. Without JavaScript the form posts the whole page;
with htmx only the result part is swapped.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from pacte.telephony.erlang_a import ErlangAFigures
from pacte.telephony.planner import StaffingPlan, erlang_a_caveat, staffing_caveat
from pacte.workspace.access import is_htmx, staffing_required
from pacte.workspace.staffing_forms import StaffingForm

PAGE = "workspace/staffing.html"
RESULT = "workspace/partials/staffing_result.html"


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


@staffing_required
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
    template = RESULT if form.is_bound and is_htmx(request) else PAGE
    return render(request, template, context)
