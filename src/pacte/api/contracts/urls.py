"""The contract-acceptance endpoints (T4.7)."""

from django.urls import path

from pacte.api.contracts import views

urlpatterns = [
    path(
        "acceptance-cases/",
        views.AcceptanceCaseCollectionView.as_view(),
        name="api-acceptance-cases",
    ),
    path(
        "cases/<int:case_id>/acceptance-notice/",
        views.AcceptanceNoticeView.as_view(),
        name="api-case-acceptance-notice",
    ),
    path(
        "cases/<int:case_id>/acceptance-notice-impossible/",
        views.AcceptanceNoticeImpossibleView.as_view(),
        name="api-case-acceptance-notice-impossible",
    ),
]
