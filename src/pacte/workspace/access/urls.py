"""The administrator's access page screen (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.access import views

urlpatterns = [
    path("access-page/", views.access_page_home, name="access_page"),
    path("access-page/preview/", views.access_page_preview, name="access_page_preview"),
    path("access-page/publish/", views.access_page_publish, name="access_page_publish"),
    path("access-page/footer/", views.footer_edit, name="access_page_footer"),
    path("access-page/<slug:part>/add/", views.entry_add, name="access_page_add"),
    path("access-page/<slug:part>/<int:pk>/edit/", views.entry_edit, name="access_page_edit"),
    path("access-page/<slug:part>/<int:pk>/remove/", views.entry_remove, name="access_page_remove"),
]
