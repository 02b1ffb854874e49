from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "pacte.cases"
    label = "cases"
    verbose_name = "Cases"
