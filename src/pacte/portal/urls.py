"""The public pages: no login needed."""

from django.urls import URLPattern

app_name = "portal"

urlpatterns: list[URLPattern] = []
