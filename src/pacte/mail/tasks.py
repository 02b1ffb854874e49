"""Background jobs of the mail app, run by the worker (manage.py db_worker)."""

from __future__ import annotations

from django_tasks import task

from pacte.mail.intake import mail_fetch
from pacte.mail.outbound import outbound_send_due
from pacte.mail.outbound import outbound_send_task as outbound_send_task  # defined beside its work


@task()
def outbound_send_due_task() -> dict[str, int]:
    """Attempt every outbound message that is due."""
    return outbound_send_due()


@task()
def mail_fetch_task(mailbox: str | None = None) -> dict[str, int]:
    """Read the active mailboxes (or the one named) and file what they hold."""
    return mail_fetch(mailbox=mailbox).as_dict()
