from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "pacte.compliance"
    label = "compliance"
    verbose_name = "Compliance"
