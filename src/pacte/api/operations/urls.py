"""The telecom operations' endpoints, one module per operation (each keeps its routes)."""

from django.urls import include, path

urlpatterns = [
    path("", include("pacte.api.operations.sim")),
]
