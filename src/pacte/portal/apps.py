from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "pacte.portal"
    label = "portal"
    verbose_name = "Portal"
