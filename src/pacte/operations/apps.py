from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """The telecom operations a mobile operator commits to (docs/operations.md): lines
    and their status, identity checks before disclosure, SIM replacement, risk measures,
    dunning and suspension, payment and restoration, stolen phones, fraud victims."""

    name = "pacte.operations"
    label = "operations"
    verbose_name = _("Telecom operations")

    def ready(self) -> None:
        # The clocks of operation cases stop on the operation's own event.
        from pacte.operations import clock_stops  # noqa: F401
