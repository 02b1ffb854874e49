from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    """Difficulties with the final acceptance of a contract (T4.7)."""

    name = "pacte.contracts"
    label = "contracts"
    verbose_name = _("Contract acceptance")
