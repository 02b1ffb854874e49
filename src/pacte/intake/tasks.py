"""Background jobs of intake, run by the worker (manage.py db_worker)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from pacte.intake.models import SubmissionStatus, WebSubmission


@task()
def web_verification_send_task(submission_id: int, link: str, language: str) -> bool:
    """Email the visitor the link that confirms their address and files their contact.

    Sends nothing (returns False) once the submission is no longer awaiting
    verification, so a retried job never mails a link that no longer works.
    """
    submission = WebSubmission.objects.filter(pk=submission_id).first()
    if submission is None or submission.status != SubmissionStatus.AWAITING_VERIFICATION:
        return False
    hours = int(getattr(settings, "PACTE_WEB_VERIFY_HOURS", 72))
    with translation.override(language):
        subject = _("Confirm your request: %(subject)s") % {"subject": submission.subject}
        body = _(
            "Hello,\n\nWe received your message “%(subject)s”. To confirm your email "
            "address and file it, follow this link within %(hours)d hours:\n\n%(link)s\n\n"
            "Your request counts as received when you sent it. If you did not write to "
            "us, ignore this email: nothing will be filed.\n"
        ) % {"subject": submission.subject, "hours": hours, "link": link}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [submission.email])
    return True
