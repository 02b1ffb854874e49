"""The fact endpoints: a customer's and a motive's facts, their history, a change."""

from django.urls import path

from pacte.api.facts import views

urlpatterns = [
    path(
        "customers/<str:reference>/facts/",
        views.CustomerFactsView.as_view(),
        name="api-customer-facts",
    ),
    path("motives/<slug:code>/facts/", views.MotiveFactsView.as_view(), name="api-motive-facts"),
]
