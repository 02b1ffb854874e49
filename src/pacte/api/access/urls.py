"""The access page endpoints: the public page, the draft, publishing."""

from django.urls import path

from pacte.api.access import views

urlpatterns = [
    path("access/", views.AccessPageView.as_view(), name="api-access"),
    path("access/draft/", views.AccessDraftView.as_view(), name="api-access-draft"),
    path("access/draft/publish/", views.AccessPublishView.as_view(), name="api-access-publish"),
]
