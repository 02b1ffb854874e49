"""The telecom operations' endpoints (issue 13), one module per operation."""

from django.urls import path

from pacte.api.operations import payments, risk

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
    path("payments/", payments.PaymentCollectionView.as_view(), name="api-payments"),
    path("payments/import/", payments.PaymentImportView.as_view(), name="api-payments-import"),
    path("restorations/", payments.RestorationCollectionView.as_view(), name="api-restorations"),
    path(
        "restorations/<str:reference>/restored/",
        payments.RestorationRestoredView.as_view(),
        name="api-restoration-restored",
    ),
]
