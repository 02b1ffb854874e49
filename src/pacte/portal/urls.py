"""The public pages: no login needed."""

from django.urls import path

from pacte.portal import access_views, contact_views, views

app_name = "portal"

urlpatterns = [
    path("results/", views.results, name="results"),
    path("access/", access_views.access_page, name="access"),
    path("contact/", contact_views.contact, name="contact"),
    path("contact/sent/", contact_views.contact_sent, name="contact_sent"),
    path("contact/cases/<int:pk>/", contact_views.contact_done, name="contact_done"),
    path("contact/verify/<str:token>/", contact_views.contact_verify, name="contact_verify"),
]
