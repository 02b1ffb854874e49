"""The commands cron runs and the worker's tasks: run twice, same result."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pacte.cases.models import Case
from pacte.conftest import paris
from pacte.mail.tasks import mail_fetch_task, outbound_send_due_task
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db


def _command(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_mail_fetch_command_reports_and_a_second_run_finds_nothing(
    cast, frozen_now, dovecot, mailbox, email_route
):
    dovecot.append(email_bytes(), at=paris(2026, 3, 10, 9))
    assert "stored=1 duplicates=0 parsed=1" in _command("mail_fetch", "--mailbox", "service")
    assert "seen=0 stored=0" in _command("mail_fetch")
    assert Case.objects.count() == 1


def test_mail_fetch_command_refuses_an_unknown_mailbox(db):
    with pytest.raises(CommandError, match="No mailbox is named 'other'"):
        call_command("mail_fetch", "--mailbox", "other")


def test_fetch_task_and_send_command(cast, frozen_now, dovecot, mailbox, email_route, smtp):
    dovecot.append(email_bytes(), at=paris(2026, 3, 10, 9))
    assert mail_fetch_task.call()["parsed"] == 1
    assert "sent=1" in _command("mail_send")
    assert "sent=0" in _command("mail_send")
    assert outbound_send_due_task.call()["sent"] == 0
    assert len(smtp.received) == 1
