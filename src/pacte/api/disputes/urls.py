"""The bill-dispute endpoints, on the case they change."""

from django.urls import path

from pacte.api.disputes import views

urlpatterns = [
    path(
        "cases/<int:case_id>/dispute-assessment/",
        views.DisputeAssessmentView.as_view(),
        name="api-case-dispute-assessment",
    ),
    path(
        "cases/<int:case_id>/correction/",
        views.CorrectionView.as_view(),
        name="api-case-correction",
    ),
]
