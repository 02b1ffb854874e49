"""Words shared by every domain: the channels a contact comes by and the kinds of case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    WEB = "web", _("Web form / portal")
    LETTER = "letter", _("Letter")
    CHAT = "chat", _("Chat")
    DISTRIBUTOR_HOTLINE = "distributor_hotline", _("Distributor hotline")


# Channels whose contacts are "written" in the scheme's sense (T6.3).
WRITTEN_CHANNELS = frozenset({Channel.EMAIL, Channel.WEB, Channel.LETTER})


class CaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    REQUEST = "request", _("Request")
    COMPLAINT = "complaint", _("Complaint")
    BILL_DISPUTE = "bill_dispute", _("Bill dispute")
    OPERATION = "operation", _("Operation")
    # The complaint chain (docs/complaints.md): level 2 follows an answered (or, after
    # 1 month, unanswered) complaint; level 3 is the customer's referral to the mediator.
    APPEAL = "appeal", _("Appeal")
    MEDIATION = "mediation", _("Mediator referral")
    # T4.7: a difficulty with the final acceptance of a contract (subscription, renewal).
    ACCEPTANCE = "acceptance", _("Contract acceptance difficulty")
    # Telecom operations (operations app, docs/operations.md): each is a case whose
    # events record the operation; their clocks stop on the operation's own event.
    AFTER_SALES = "after_sales", _("After-sales request")
    SIM_ORDER = "sim_order", _("SIM replacement")
    RISK_MEASURE = "risk_measure", _("Risk or fraud measure")
    DUNNING = "dunning", _("Unpaid bills (dunning)")
    RESTORATION = "restoration", _("Line restoration")
    STOLEN_PHONE = "stolen_phone", _("Stolen or lost phone")


# The kinds a contact is filed as directly (New contact, a letter, the web form). An
# appeal or a mediator referral is filed from the case it follows (complaints app), a
# contract-acceptance difficulty by the contracts app, an operation by its service.
FILED_KINDS = (
    CaseKind.INFORMATION,
    CaseKind.REQUEST,
    CaseKind.COMPLAINT,
    CaseKind.BILL_DISPUTE,
    CaseKind.AFTER_SALES,
)
# The kinds opened by the operations app's services (docs/operations.md).
OPERATION_KINDS = (
    CaseKind.SIM_ORDER,
    CaseKind.RISK_MEASURE,
    CaseKind.DUNNING,
    CaseKind.RESTORATION,
    CaseKind.STOLEN_PHONE,
)
