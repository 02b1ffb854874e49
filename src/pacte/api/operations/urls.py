"""The telecom operations' endpoints (issue 13), one module per operation."""

from django.urls import include, path

from pacte.api.operations import disclosures, dunning, lines, payments, risk, stolen

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
    path(
        "customers/<str:reference>/lines/",
        lines.CustomerLinesView.as_view(),
        name="api-customer-lines",
    ),
    path("lines/<int:line_id>/history/", lines.LineHistoryView.as_view(), name="api-line-history"),
    path(
        "cases/<int:case_id>/identity-check/",
        disclosures.IdentityCheckView.as_view(),
        name="api-case-identity-check",
    ),
    path(
        "cases/<int:case_id>/disclosures/",
        disclosures.DisclosureView.as_view(),
        name="api-case-disclosures",
    ),
    path("stolen-phones/", stolen.StolenPhoneCollectionView.as_view(), name="api-stolen-phones"),
    path(
        "stolen-phones/<str:reference>/",
        stolen.StolenPhoneView.as_view(),
        name="api-stolen-phone",
    ),
    path(
        "stolen-phones/<str:reference>/line-blocked/",
        stolen.LineBlockedView.as_view(),
        name="api-stolen-phone-line-blocked",
    ),
    path(
        "stolen-phones/<str:reference>/imei-blocked/",
        stolen.ImeiBlockedView.as_view(),
        name="api-stolen-phone-imei-blocked",
    ),
    path(
        "stolen-phones/<str:reference>/unblock/",
        stolen.UnblockView.as_view(),
        name="api-stolen-phone-unblock",
    ),
    path("", include("pacte.api.operations.sim")),
    path("unpaid-bills/", dunning.UnpaidBillCollectionView.as_view(), name="api-unpaid-bills"),
    path(
        "unpaid-bills/import/",
        dunning.UnpaidBillImportView.as_view(),
        name="api-unpaid-bills-import",
    ),
]
