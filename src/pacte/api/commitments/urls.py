"""The commitment-scheme endpoints: schemes, versions, edits, activation."""

from django.urls import path

from pacte.api.commitments import views

urlpatterns = [
    path("schemes/", views.SchemeListView.as_view(), name="api-schemes"),
    path(
        "schemes/<slug:code>/versions/<int:number>/",
        views.SchemeVersionView.as_view(),
        name="api-scheme-version",
    ),
    path(
        "schemes/<slug:code>/versions/<int:number>/indicators/<str:indicator>/",
        views.IndicatorEditView.as_view(),
        name="api-scheme-indicator",
    ),
    path(
        "schemes/<slug:code>/versions/<int:number>/commitments/<str:commitment>/",
        views.CommitmentEditView.as_view(),
        name="api-scheme-commitment",
    ),
    path(
        "schemes/<slug:code>/versions/<int:number>/activate/",
        views.VersionActivateView.as_view(),
        name="api-scheme-activate",
    ),
]
