"""The mediator's endpoints on a case (level 3 of the complaint chain)."""

from django.urls import path

from pacte.api.complaints import mediation_views as views

urlpatterns = [
    path(
        "cases/<int:case_id>/mediator-eligibility/",
        views.MediatorEligibilityView.as_view(),
        name="api-case-mediator-eligibility",
    ),
    path(
        "cases/<int:case_id>/refer-mediator/",
        views.ReferMediatorView.as_view(),
        name="api-case-refer-mediator",
    ),
    path(
        "cases/<int:case_id>/mediator-recommendation/",
        views.MediatorRecommendationView.as_view(),
        name="api-case-mediator-recommendation",
    ),
    path(
        "cases/<int:case_id>/recommendation-applied/",
        views.RecommendationAppliedView.as_view(),
        name="api-case-recommendation-applied",
    ),
]
