"""The API's URLs: the case endpoints and the OpenAPI document."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from pacte.api import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("cases/", views.CaseCollectionView.as_view(), name="api-cases"),
    path("cases/<int:case_id>/", views.CaseDetailView.as_view(), name="api-case"),
    path("cases/<int:case_id>/answer/", views.CaseAnswerView.as_view(), name="api-case-answer"),
    path(
        "cases/<int:case_id>/hand-off/", views.CaseHandOffView.as_view(), name="api-case-hand-off"
    ),
    path(
        "cases/<int:case_id>/commit-deadline/",
        views.CaseCommitDeadlineView.as_view(),
        name="api-case-commit-deadline",
    ),
    path("cases/<int:case_id>/close/", views.CaseCloseView.as_view(), name="api-case-close"),
    path("cases/<int:case_id>/reopen/", views.CaseReopenView.as_view(), name="api-case-reopen"),
]
