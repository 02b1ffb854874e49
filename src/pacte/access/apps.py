from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "pacte.access"
    label = "access"
    verbose_name = "Access page"
