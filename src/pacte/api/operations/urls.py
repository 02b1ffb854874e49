"""The operations' endpoints (docs/operations-*.md): one module per operation."""

from django.urls import path

from pacte.api.operations import payments

urlpatterns = [
    path("payments/", payments.PaymentCollectionView.as_view(), name="api-payments"),
    path("payments/import/", payments.PaymentImportView.as_view(), name="api-payments-import"),
    path("restorations/", payments.RestorationCollectionView.as_view(), name="api-restorations"),
    path(
        "restorations/<str:reference>/restored/",
        payments.RestorationRestoredView.as_view(),
        name="api-restoration-restored",
    ),
]
