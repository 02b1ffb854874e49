from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """The complaint chain: complaint, appeal, mediator; and bill disputes."""

    name = "pacte.complaints"
    label = "complaints"
    verbose_name = _("Complaints, appeals and mediation")

    def ready(self) -> None:
        # An email that appeals a complaint's answer opens the appeal (docs/complaints.md).
        from pacte.complaints.recognition import appeal_from_email
        from pacte.mail.followups import follow_up_route_register

        follow_up_route_register(appeal_from_email)
