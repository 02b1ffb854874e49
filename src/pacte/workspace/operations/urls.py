"""The operations' pages (one views module per operation)."""

from django.urls import path

from pacte.workspace.operations import restoration_views

urlpatterns = [
    path("payments/new/", restoration_views.payment_new, name="payment_new"),
    path(
        "payments/import/",
        restoration_views.payments_import_page,
        name="payments_import",
    ),
    path("restorations/", restoration_views.restorations, name="restorations"),
    path(
        "restorations/<int:pk>/restored/",
        restoration_views.restoration_restored,
        name="restoration_restored",
    ),
]
