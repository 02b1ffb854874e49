"""Operations pages: dunning (T4.3)."""

from django.urls import path

from pacte.workspace.operations import dunning_views

urlpatterns = [
    path("operations/unpaid-bills/", dunning_views.unpaid_bills, name="unpaid_bills"),
    path(
        "operations/unpaid-bills/import/",
        dunning_views.unpaid_bills_import,
        name="unpaid_bills_import",
    ),
    path("operations/dunning/<int:line_pk>/", dunning_views.dunning_line, name="dunning_line"),
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
