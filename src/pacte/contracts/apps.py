from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    """Difficulties with the final acceptance of a contract (T4.7)."""

    name = "pacte.contracts"
    label = "contracts"
    verbose_name = _("Contract acceptance")

    def ready(self) -> None:
        # No path closes an acceptance case with a notice missing (cases.close_guards).
        from pacte.cases.close_guards import close_guard_register
        from pacte.contracts.services import acceptance_close_guard
        from pacte.core.vocabulary import CaseKind

        close_guard_register(CaseKind.ACCEPTANCE, acceptance_close_guard)
