"""Telephone measures, the live wallboard and the staffing planner (names in the
``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.telephony import views

urlpatterns = [
    path("staffing/", views.staffing, name="staffing"),
    path("telephony/", views.telephony, name="telephony"),
    path("wallboard/", views.wallboard_page, name="wallboard"),
    path("wallboard/panel/", views.wallboard_panel, name="wallboard_panel"),
]
