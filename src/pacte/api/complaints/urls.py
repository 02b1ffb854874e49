"""The complaint chain's endpoints."""

from django.urls import path

from pacte.api.complaints import views

urlpatterns = [
    path("cases/<int:case_id>/appeal/", views.CaseAppealView.as_view(), name="api-case-appeal"),
]
