from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pacte.api"
    label = "api"
    verbose_name = "API"
