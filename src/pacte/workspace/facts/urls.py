"""The facts that decide clocks: the motives' page (a customer's, changed from the case
page, is routed with the case pages) (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.facts import views

urlpatterns = [
    path("motives/", views.motive_list, name="motives"),
    path("motives/<slug:code>/facts/<slug:fact>/", views.motive_fact_change, name="motive_fact"),
]
