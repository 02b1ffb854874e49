"""Only the admin, so that these tests do not depend on the interface apps' URLs."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
