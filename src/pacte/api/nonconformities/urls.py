"""The non-conformity endpoints: list, read, raise, and each step of the lifecycle."""

from django.urls import path

from pacte.api.nonconformities import views

urlpatterns = [
    path("nonconformities/", views.NonConformityCollectionView.as_view(), name="api-ncs"),
    path("nonconformities/<int:nc_id>/", views.NonConformityDetailView.as_view(), name="api-nc"),
    path("nonconformities/<int:nc_id>/cause/", views.CauseView.as_view(), name="api-nc-cause"),
    path("nonconformities/<int:nc_id>/actions/", views.PlanView.as_view(), name="api-nc-actions"),
    path(
        "nonconformities/<int:nc_id>/actions/<int:action_id>/complete/",
        views.CompleteView.as_view(),
        name="api-nc-action-complete",
    ),
    path(
        "nonconformities/<int:nc_id>/actions/<int:action_id>/cancel/",
        views.CancelView.as_view(),
        name="api-nc-action-cancel",
    ),
    path("nonconformities/<int:nc_id>/check/", views.CheckView.as_view(), name="api-nc-check"),
    path("nonconformities/<int:nc_id>/close/", views.CloseView.as_view(), name="api-nc-close"),
]
