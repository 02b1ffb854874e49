"""The compliance dashboard: monthly results per commitment, trends, and drill-down."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pacte.compliance.indicators import Verdict
from pacte.core import clock
from pacte.workspace.access import compliance_required, request_user
from pacte.workspace.closing_views import closing_panel
from pacte.workspace.dashboard import commitment_blocks, dashboard_selection, trend_series
from pacte.workspace.drill import access_indicator, indicator_drill, verdict_filter
from pacte.workspace.paging import page_number


@compliance_required
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    """The selected month's results per commitment and indicator, and 12-month trends."""
    selection = dashboard_selection(request.GET, now=clock.now())
    context = {
        "selection": selection,
        "blocks": commitment_blocks(selection=selection),
        "trends": trend_series(selection=selection),
        "closing_panel": closing_panel(selection=selection, user=request_user(request)),
    }
    return render(request, "workspace/compliance.html", context)


@compliance_required
@require_GET
def compliance_drill(request: HttpRequest, code: str) -> HttpResponse:
    """The items behind one indicator's figure, with their verdicts, and its breakdowns."""
    selection = dashboard_selection(request.GET, now=clock.now())
    indicator = access_indicator(selection=selection, code=code)
    verdict = verdict_filter(request.GET.get("verdict"))
    late_only = request.GET.get("late") == "1"
    drill = indicator_drill(
        selection=selection,
        indicator=indicator,
        verdict=verdict,
        page=page_number(request.GET.get("page")),
        late_only=late_only,
    )
    context = {
        "selection": selection,
        "drill": drill,
        "verdict": verdict,
        "late_only": late_only,
        "verdicts": Verdict.choices,
    }
    return render(request, "workspace/compliance_drill.html", context)
