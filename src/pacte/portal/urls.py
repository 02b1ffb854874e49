"""The public pages: no login needed."""

from django.urls import path

from pacte.portal import views

app_name = "portal"

urlpatterns = [
    path("results/", views.results, name="results"),
]
