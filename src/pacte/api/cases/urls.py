"""The case endpoints: list, open, read, and each change to a case."""

from django.urls import path

from pacte.api.cases import customer, views

urlpatterns = [
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
    path(
        "cases/<int:case_id>/match-customer/",
        views.CaseMatchCustomerView.as_view(),
        name="api-case-match-customer",
    ),
    path(
        "cases/<int:case_id>/messages/",
        customer.CaseMessageView.as_view(),
        name="api-case-messages",
    ),
    path(
        "cases/<int:case_id>/ratings/", customer.CaseRatingView.as_view(), name="api-case-ratings"
    ),
]
