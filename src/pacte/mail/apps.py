from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "pacte.mail"
    label = "mail"
    verbose_name = "Email"
