"""Email out: acknowledgements, answers and new-deadline notices, threaded and retried.

A message is written (``OutboundMessage``, status queued) in the caller's transaction
and handed to the worker once that transaction commits. ``outbound_send`` claims it
with a conditional UPDATE committed *before* talking to the SMTP server and records
``sent`` as soon as the server accepted it, so a worker re-running the task after a
send finds it sent and does nothing. The only window for a second copy is a crash
between the server's acceptance and that commit; a claim older than ``CLAIM_LEASE``
is then retried with the same Message-ID (at-least-once: a duplicate acknowledgement
is better than a lost answer, and the identical Message-ID lets mail clients fold it).
"""

from __future__ import annotations

import smtplib
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from pacte.cases.models import Case
from pacte.core import clock
from pacte.core.dates import when_text
from pacte.core.errors import PacteError
from pacte.mail.errors import MailError
from pacte.mail.models import (
    InboundMessage,
    InboundStatus,
    OutboundKind,
    OutboundMessage,
    OutboundStatus,
)

CLAIM_LEASE = timedelta(minutes=10)
MAX_REFERENCES = 20


def mail_domain() -> str:
    return str(getattr(settings, "PACTE_MAIL_DOMAIN", "") or "pacte.localhost")


def max_attempts() -> int:
    return int(getattr(settings, "PACTE_MAIL_MAX_ATTEMPTS", 8))


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the ``attempts``-th failure: base * 2^(attempts-1), at most 6 hours."""
    base = int(getattr(settings, "PACTE_MAIL_RETRY_SECONDS", 60))
    return min(timedelta(seconds=base * 2 ** max(attempts - 1, 0)), timedelta(hours=6))


def new_message_id() -> str:
    """A unique Message-ID (without angle brackets) in Pacte's mail domain."""
    return f"{uuid.uuid4().hex}@{mail_domain()}"


def thread_headers(case: Case) -> tuple[str, str]:
    """(In-Reply-To, References) answering the customer's last message on ``case``."""
    last = (
        InboundMessage.objects.filter(case=case, status=InboundStatus.PARSED)
        .exclude(message_id="")
        .order_by("-received_at", "-id")
        .only("message_id", "references")
        .first()
    )
    if last is None:
        return "", ""
    chain = [*last.references.split(), last.message_id][-MAX_REFERENCES:]
    return last.message_id, " ".join(chain)


def _local(case: Case, instant: datetime) -> str:
    """``instant`` as the customer reads it: ``jeu. 26 nov. 2026, 23 h 59`` in the
    case's time zone and the customer's language."""
    return when_text(instant, _language(case), zone=ZoneInfo(case.site.calendar.timezone))


def _language(case: Case) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    chosen = case.customer.preferred_language
    return chosen if chosen in codes else settings.LANGUAGE_CODE


@transaction.atomic
def outbound_queue(
    *, case: Case, kind: OutboundKind, to: str, subject: str, body: str
) -> OutboundMessage:
    """Write a message to send and hand it to the worker when the transaction commits."""
    if not to:
        raise PacteError(MailError.NO_RECIPIENT, f"Case {case.reference}: no email address.")
    in_reply_to, references = thread_headers(case)
    outbound = OutboundMessage.objects.create(
        case=case,
        kind=kind,
        to=to,
        subject=subject[:300],
        body=body,
        message_id=new_message_id(),
        in_reply_to=in_reply_to,
        references=references,
        created_at=clock.now(),
    )
    transaction.on_commit(lambda: _enqueue(outbound.pk))
    return outbound


def _enqueue(outbound_id: int, run_after: datetime | None = None) -> None:
    if run_after is None:
        outbound_send_task.enqueue(outbound_id)
    else:
        outbound_send_task.using(run_after=run_after).enqueue(outbound_id)


def _recipient(case: Case) -> str:
    last = (
        InboundMessage.objects.filter(case=case, status=InboundStatus.PARSED)
        .order_by("-received_at", "-id")
        .values_list("from_address", flat=True)
        .first()
    )
    return last or case.customer.email


def outbound_acknowledge(*, case: Case) -> OutboundMessage:
    """Acknowledge a new email case: its reference in the subject, and its deadline."""
    with translation.override(_language(case)):
        subject = _("[%(reference)s] We have received your message: %(subject)s") % {
            "reference": case.reference,
            "subject": case.subject,
        }
        lines = [
            _("Hello,"),
            "",
            _("We received your message on %(received)s under the reference %(reference)s.")
            % {"received": _local(case, case.received_at), "reference": case.reference},
        ]
        if case.due_at is not None:
            lines.append(
                _("We will answer by %(deadline)s at the latest.")
                % {"deadline": _local(case, case.due_at)}
            )
        lines += ["", _("Please keep the reference in the subject of your replies.")]
    return outbound_queue(
        case=case,
        kind=OutboundKind.ACKNOWLEDGEMENT,
        to=_recipient(case),
        subject=subject,
        body="\n".join(lines) + "\n",
    )


def outbound_answer(*, case: Case, body: str) -> OutboundMessage:
    """Send an agent's answer by email, in the customer's thread (the case flow calls it)."""
    with translation.override(_language(case)):
        subject = _("[%(reference)s] Answer to your message: %(subject)s") % {
            "reference": case.reference,
            "subject": case.subject,
        }
    return outbound_queue(
        case=case, kind=OutboundKind.ANSWER, to=_recipient(case), subject=subject, body=body
    )


def outbound_deadline_notice(*, case: Case, due_at: datetime, message: str = "") -> OutboundMessage:
    """Tell the customer of a new committed deadline for ``case``, with the agent's
    ``message`` (when given) after the new date."""
    with translation.override(_language(case)):
        subject = _("[%(reference)s] New answer date") % {"reference": case.reference}
        body = _(
            "Hello,\n\nYour request %(reference)s needs more time. "
            "We will answer by %(deadline)s at the latest.\n"
        ) % {"reference": case.reference, "deadline": _local(case, due_at)}
    if message.strip():
        body += "\n" + message.strip() + "\n"
    return outbound_queue(
        case=case,
        kind=OutboundKind.DEADLINE_NOTICE,
        to=_recipient(case),
        subject=subject,
        body=body,
    )


def _claim(outbound_id: int, now: datetime) -> bool:
    """Take the message for one attempt (committed before the SMTP conversation)."""
    due = Q(status=OutboundStatus.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    stale = Q(status=OutboundStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    claimed = OutboundMessage.objects.filter(due | stale, pk=outbound_id).update(
        status=OutboundStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def _email(outbound: OutboundMessage) -> EmailMessage:
    headers = {"Message-ID": f"<{outbound.message_id}>"}
    if outbound.in_reply_to:
        headers["In-Reply-To"] = f"<{outbound.in_reply_to}>"
    if outbound.references:
        headers["References"] = " ".join(f"<{ref}>" for ref in outbound.references.split())
    return EmailMessage(
        subject=outbound.subject,
        body=outbound.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[outbound.to],
        headers=headers,
    )


def outbound_send(*, outbound_id: int) -> OutboundMessage:
    """One attempt at sending; idempotent (a sent, failed or not-yet-due message is left).

    Runs outside any transaction: the claim, the SMTP conversation and the outcome are
    three steps. On failure the message is queued again after ``retry_delay`` (and a
    task scheduled for then), or marked failed after ``max_attempts`` attempts.
    """
    now = clock.now()
    if not _claim(outbound_id, now):
        return OutboundMessage.objects.get(pk=outbound_id)
    outbound = OutboundMessage.objects.get(pk=outbound_id)
    try:
        _email(outbound).send(fail_silently=False)
    except (OSError, smtplib.SMTPException) as error:
        return _failed(outbound, f"{type(error).__name__}: {error}")
    OutboundMessage.objects.filter(pk=outbound.pk).update(
        status=OutboundStatus.SENT, sent_at=clock.now(), last_error="", next_attempt_at=None
    )
    outbound.refresh_from_db()
    return outbound


@task()
def outbound_send_task(outbound_id: int) -> str:
    """One sending attempt of an outbound message, run by the worker; safe to run again.

    Defined beside ``outbound_send`` (not in ``mail.tasks``, which re-exports it) so that
    queuing a message does not import the mailbox reading that files new messages."""
    return str(outbound_send(outbound_id=outbound_id).status)


def _failed(outbound: OutboundMessage, error: str) -> OutboundMessage:
    if outbound.attempts >= max_attempts():
        status, next_at = OutboundStatus.FAILED, None
    else:
        status, next_at = OutboundStatus.QUEUED, clock.now() + retry_delay(outbound.attempts)
    OutboundMessage.objects.filter(pk=outbound.pk).update(
        status=status, last_error=error[:2000], next_attempt_at=next_at
    )
    if next_at is not None:
        _enqueue(outbound.pk, run_after=next_at)
    outbound.refresh_from_db()
    return outbound


def outbound_due_ids(*, now: datetime) -> list[int]:
    """Messages due for an attempt (queued and due, or claimed longer than the lease)."""
    due = Q(status=OutboundStatus.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    stale = Q(status=OutboundStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    return list(
        OutboundMessage.objects.filter(due | stale).order_by("id").values_list("pk", flat=True)
    )


def outbound_send_due() -> dict[str, int]:
    """Attempt every due message (the cron safety net beside the scheduled tasks)."""
    counts = {status.value: 0 for status in OutboundStatus}
    for outbound_id in outbound_due_ids(now=clock.now()):
        counts[outbound_send(outbound_id=outbound_id).status] += 1
    return counts


def outbound_retry(*, outbound_id: int) -> bool:
    """Queue a failed message again for a fresh series of attempts (administrator)."""
    with transaction.atomic():
        again = OutboundMessage.objects.filter(pk=outbound_id, status=OutboundStatus.FAILED).update(
            status=OutboundStatus.QUEUED, attempts=0, next_attempt_at=None
        )
        if again:
            transaction.on_commit(lambda: _enqueue(outbound_id))
    return again == 1
