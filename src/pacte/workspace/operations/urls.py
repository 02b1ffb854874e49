"""The operations' pages (names in ``workspace``), under ``operations/``."""

from django.urls import path

from pacte.workspace.operations import stolen_views

urlpatterns = [
    path("stolen/new/", stolen_views.stolen_new, name="stolen_new"),
    path("stolen/<int:pk>/<slug:what>/", stolen_views.stolen_act, name="stolen_act"),
    path("my-phone/stolen/", stolen_views.my_stolen_new, name="my_stolen_new"),
]
