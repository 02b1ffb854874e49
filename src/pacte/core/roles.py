"""The roles of Pacte's users."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    AGENT = "agent", _("Agent")
    DISTRIBUTOR = "distributor", _("Distributor")
    SUPERVISOR = "supervisor", _("Supervisor")
    QUALITY_MANAGER = "quality_manager", _("Quality manager")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset(
    {
        Role.AGENT,
        Role.SUPERVISOR,
        Role.QUALITY_MANAGER,
        Role.AUDITOR,
        Role.ADMINISTRATOR,
    }
)

# Who may do what is the table in pacte.core.permissions (docs/permissions.md).
