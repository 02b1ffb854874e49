"""The telecom operations' pages (issue 13) under ``operations/``, one views module per
operation."""

from django.urls import include, path

from pacte.workspace.operations import (
    disclosure_views,
    dunning_views,
    lines_views,
    restoration_views,
    risk_views,
    stolen_views,
)

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
    path(
        "customers/<str:reference>/lines/",
        lines_views.customer_lines_page,
        name="customer_lines",
    ),
    path("lines/<int:pk>/", lines_views.line_page, name="line"),
    path("cases/<int:pk>/account/", disclosure_views.account_panel_view, name="account_panel"),
    path(
        "cases/<int:pk>/identity-check/",
        disclosure_views.identity_check,
        name="identity_check",
    ),
    path("cases/<int:pk>/disclosures/", disclosure_views.disclosure, name="disclosure"),
    path("stolen/new/", stolen_views.stolen_new, name="stolen_new"),
    path("stolen/<int:pk>/<slug:what>/", stolen_views.stolen_act, name="stolen_act"),
    path("my-phone/stolen/", stolen_views.my_stolen_new, name="my_stolen_new"),
    path("", include("pacte.workspace.operations.sim_urls")),
    path("unpaid-bills/", dunning_views.unpaid_bills, name="unpaid_bills"),
    path(
        "operations/unpaid-bills/import/",
        dunning_views.unpaid_bills_import,
        name="unpaid_bills_import",
    ),
    path("dunning/<int:line_pk>/", dunning_views.dunning_line, name="dunning_line"),
    path(
        "operations/dunning/<int:line_pk>/contact/",
        dunning_views.dunning_contact,
        name="dunning_contact",
    ),
    path(
        "operations/dunning/<int:line_pk>/suspend/",
        dunning_views.dunning_suspend,
        name="dunning_suspend",
    ),
    path(
        "operations/suspensions-refused/",
        dunning_views.suspensions_refused_month,
        name="suspensions_refused",
    ),
]
