"""The operations endpoints: dunning (T4.3), unpaid bills from the billing system."""

from django.urls import path

from pacte.api.operations import dunning

urlpatterns = [
    path("unpaid-bills/", dunning.UnpaidBillCollectionView.as_view(), name="api-unpaid-bills"),
    path(
        "unpaid-bills/import/",
        dunning.UnpaidBillImportView.as_view(),
        name="api-unpaid-bills-import",
    ),
]
