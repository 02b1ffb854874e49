"""The operations' pages (names in ``workspace``), included under ``operations/``: a
customer's lines, a line's status history, and the case page's account-data panel
(identity check, disclosures; docs/operations-lines.md)."""

from django.urls import path

from pacte.workspace.operations import disclosure_views, lines_views

urlpatterns = [
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
]
