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
