from django.apps import AppConfig


class NonconformitiesConfig(AppConfig):
    name = "pacte.nonconformities"
    label = "nonconformities"
    verbose_name = "Non-conformities"
