"""The telecom operations' pages, one module per operation (each keeps its routes)."""

from django.urls import include, path

urlpatterns = [
    path("", include("pacte.workspace.operations.sim_urls")),
]
