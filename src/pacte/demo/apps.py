from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pacte.demo"
    label = "demo"
    verbose_name = "Demo data"
