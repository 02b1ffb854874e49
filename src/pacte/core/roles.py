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
# Roles that see every team's cases (read at least).
ALL_CASES_ROLES = frozenset(
    {Role.SUPERVISOR, Role.QUALITY_MANAGER, Role.AUDITOR, Role.ADMINISTRATOR}
)
# Roles that may change a case (the auditor only reads).
CASE_WRITER_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMINISTRATOR})

# Who may change each fact that decides a clock (docs/facts.md), by "<owner>.<fact>".
# A fact added later gets its row here; a fact without a row may be changed by nobody.
FACT_EDITOR_ROLES: dict[str, frozenset[Role]] = {
    "customer.fraud_victim": frozenset(
        {Role.AGENT, Role.SUPERVISOR, Role.QUALITY_MANAGER, Role.ADMINISTRATOR}
    ),
    "customer.segment": frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}),
    "motive.billing": frozenset({Role.QUALITY_MANAGER, Role.ADMINISTRATOR}),
}
# Who may give a fact change a past effective date (the change is then late-recorded).
FACT_BACKDATE_ROLES = frozenset({Role.QUALITY_MANAGER, Role.ADMINISTRATOR})
# Who reads the motives' facts and their history (customers' facts: whoever sees the customer).
MOTIVE_FACT_READER_ROLES = ALL_CASES_ROLES


def may_change_fact(role: str, fact_key: str) -> bool:
    """Whether ``role`` may change the fact ``fact_key`` (``"customer.fraud_victim"``)."""
    return role in FACT_EDITOR_ROLES.get(fact_key, frozenset())


def may_backdate_facts(role: str) -> bool:
    """Whether ``role`` may record a fact change effective from a past instant."""
    return role in FACT_BACKDATE_ROLES
