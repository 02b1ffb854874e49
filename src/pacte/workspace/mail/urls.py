"""The administrator's email quarantine (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.mail import views

urlpatterns = [
    path("mail/quarantine/", views.quarantine, name="mail_quarantine"),
    path("mail/quarantine/<int:pk>/", views.quarantined, name="mail_quarantined"),
    path("mail/quarantine/<int:pk>/retry/", views.quarantine_retry, name="mail_quarantine_retry"),
]
