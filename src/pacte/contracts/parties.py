"""The words of a contract-acceptance difficulty (T4.7): what kind of contract, which party."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractKind(models.TextChoices):
    SUBSCRIPTION = "subscription", _("Subscription")
    RENEWAL = "renewal", _("Renewal")


class Party(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    DISTRIBUTOR = "distributor", _("Distributor")


# The motive an acceptance case is filed under unless the raiser chooses one.
ACCEPTANCE_MOTIVE = "contract-acceptance"
