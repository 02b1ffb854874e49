from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """The complaint chain: complaint, appeal, mediator; and bill disputes."""

    name = "pacte.complaints"
    label = "complaints"
    verbose_name = _("Complaints, appeals and mediation")
