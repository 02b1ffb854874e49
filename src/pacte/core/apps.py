from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pacte.core"
    label = "core"
    verbose_name = "Pacte core"
