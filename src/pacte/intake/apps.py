from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "pacte.intake"
    label = "intake"
    verbose_name = "Intake"
