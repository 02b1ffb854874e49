"""The mail room: registering postal letters, the register, finding the sender; and new
contacts taken live (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.intake import contact_views, views

urlpatterns = [
    path("mailroom/", views.mailroom, name="mailroom"),
    path("mailroom/senders/", views.mailroom_senders, name="mailroom_senders"),
    path("contact/", contact_views.contact, name="contact"),
]
