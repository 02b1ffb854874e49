"""The operations' endpoints: a customer's lines, a line's history, and on a phone or
chat case the identity check and the disclosures of account data (T3.2-a)."""

from django.urls import path

from pacte.api.operations import disclosures, lines

urlpatterns = [
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
]
