"""Non-conformities: the list, raise, the dashboard panel, one non-conformity and its steps
(names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.nonconformities import views

urlpatterns = [
    path("nonconformities/", views.nc_list, name="nonconformities"),
    path("nonconformities/raise/", views.nc_raise, name="nonconformity_raise"),
    path("nonconformities/panel/", views.nc_panel, name="nonconformity_panel"),
    path("nonconformities/<int:pk>/", views.nc_detail, name="nonconformity"),
    path(
        "nonconformities/<int:pk>/<slug:step>/",
        views.nc_act,
        name="nonconformity_act",
    ),
]
