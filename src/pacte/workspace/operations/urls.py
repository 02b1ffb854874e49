"""The telecom operations' pages (issue 13) under ``operations/``, one views module per
operation."""

from django.urls import path

from pacte.workspace.operations import risk_views

urlpatterns = [
    path(
        "lines/<int:line_id>/risk-measure/",
        risk_views.risk_measure_new,
        name="risk_measure_new",
    ),
    path(
        "risk-measures/<int:pk>/lift/",
        risk_views.risk_measure_lift_view,
        name="risk_measure_lift",
    ),
    path("risk-measures/", risk_views.risk_measures, name="risk_measures"),
]
