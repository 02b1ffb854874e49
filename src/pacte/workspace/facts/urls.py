"""The facts that decide clocks: a customer's, changed from the case page, and the
motives' page (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.facts import views

urlpatterns = [
    path("cases/<int:pk>/facts/<slug:fact>/", views.customer_fact_change, name="customer_fact"),
    path("motives/", views.motive_list, name="motives"),
    path("motives/<slug:code>/facts/<slug:fact>/", views.motive_fact_change, name="motive_fact"),
]
