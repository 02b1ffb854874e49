"""The telecom operations' endpoints (issue 13), one module per operation."""

from django.urls import path

from pacte.api.operations import risk

urlpatterns = [
    path(
        "lines/<int:line_id>/risk-measures/",
        risk.LineRiskMeasureView.as_view(),
        name="api-line-risk-measures",
    ),
    path("risk-measures/", risk.RiskMeasureListView.as_view(), name="api-risk-measures"),
    path(
        "risk-measures/<str:reference>/lift/",
        risk.RiskMeasureLiftView.as_view(),
        name="api-risk-measure-lift",
    ),
]
