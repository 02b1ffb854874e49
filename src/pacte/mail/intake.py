"""Email intake: read each mailbox, store every message raw, then file it.

Order per message, each step committed before the next: (1) the raw bytes are stored
with their deduplication key; (2) the message is filed in its own transaction
(``filing.inbound_parse``); (3) only then is it moved to the processed folder. A run
killed anywhere is repaired by the next: a stored message is not stored again, a
stored but unfiled one is filed, a filed one still in the folder is moved.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
from dataclasses import asdict, dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.mail.errors import MailError
from pacte.mail.filing import inbound_parse
from pacte.mail.imap import Fetched, connect
from pacte.mail.models import InboundMessage, InboundStatus, Mailbox
from pacte.mail.parsing import content_key

logger = logging.getLogger(__name__)
BATCH = 50
# Test hook (docs/email.md): "stored:N" or "parsed:N" kills the process with SIGKILL
# after the Nth message of the run reached that step.
FAULT_ENV = "PACTE_MAIL_FAULT"


@dataclass
class FetchReport:
    mailboxes: int = 0
    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    parsed: int = 0
    quarantined: int = 0
    moved: int = 0
    already: int = 0  # read again after a run that stopped before moving them
    errors: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _fault(stage: str, count: int) -> None:
    if os.environ.get(FAULT_ENV, "") == f"{stage}:{count}":
        os.kill(os.getpid(), signal.SIGKILL)


def inbound_store(
    *, mailbox: Mailbox, uidvalidity: int, fetched: Fetched
) -> tuple[InboundMessage, bool]:
    """Store the raw message (committed on return); ``(message, stored)``.

    Every message read leaves one row. A message read again from the same folder
    (same UIDVALIDITY and UID: a run stopped before moving it) is the row already
    stored, not stored again (``stored`` is False). A message whose content key
    (``parsing.content_key``) is already stored is the same message delivered again:
    it is kept as a duplicate row pointing to the first, never filed. Anything else,
    including a reused Message-ID with another content, is a new message to file.
    """
    same_uid = _read_before(mailbox, uidvalidity, fetched.uid)
    if same_uid is not None:
        return same_uid, False
    key = content_key(fetched.raw)
    now = clock.now()
    message = InboundMessage(
        mailbox=mailbox,
        uid=fetched.uid,
        uidvalidity=uidvalidity,
        content_key=key,
        sha256=hashlib.sha256(fetched.raw).hexdigest(),
        raw=fetched.raw,
        size=len(fetched.raw),
        received_at=fetched.internaldate,
        stored_at=now,
    )
    original = InboundMessage.objects.filter(content_key=key, duplicate_of__isnull=True).first()
    if original is not None:
        _mark_duplicate(message, original, now)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # another worker stored it (or its first copy) first
        same_uid = _read_before(mailbox, uidvalidity, fetched.uid)
        if same_uid is not None:
            return same_uid, False
        original = InboundMessage.objects.get(content_key=key, duplicate_of__isnull=True)
        _mark_duplicate(message, original, now)
        message.save()
    return message, True


def _read_before(mailbox: Mailbox, uidvalidity: int, uid: int) -> InboundMessage | None:
    """The row of a message this folder slot already gave (a run stopped before the move)."""
    return InboundMessage.objects.filter(mailbox=mailbox, uidvalidity=uidvalidity, uid=uid).first()


def _mark_duplicate(message: InboundMessage, original: InboundMessage, now: datetime) -> None:
    message.status = InboundStatus.DUPLICATE
    message.duplicate_of = original
    message.reason_code = MailError.DUPLICATE
    message.reason = (
        f"The same message (every header but the trace fields, and the body) was received "
        f"as inbound #{original.pk}."
    )
    message.parsed_at = now


def _count(report: FetchReport, inbound: InboundMessage) -> None:
    if inbound.status == InboundStatus.PARSED:
        report.parsed += 1
    elif inbound.status == InboundStatus.QUARANTINED:
        report.quarantined += 1


def mailbox_fetch(*, mailbox: Mailbox, report: FetchReport | None = None) -> FetchReport:
    """Read one mailbox's folder by UID: store, file, then move each message."""
    report = report or FetchReport()
    report.mailboxes += 1
    with connect(mailbox) as connection:
        uidvalidity = connection.uidvalidity()
        uids = connection.uids()
        for start in range(0, len(uids), BATCH):
            done: list[int] = []
            for fetched in connection.fetch(uids[start : start + BATCH]):
                report.seen += 1
                inbound, stored = inbound_store(
                    mailbox=mailbox, uidvalidity=uidvalidity, fetched=fetched
                )
                if not stored:
                    report.already += 1
                elif inbound.status == InboundStatus.DUPLICATE:
                    report.duplicates += 1
                else:
                    report.stored += 1
                _fault("stored", report.seen)
                if inbound.status == InboundStatus.RECEIVED:
                    inbound = inbound_parse(inbound_id=inbound.pk)
                    _count(report, inbound)
                _fault("parsed", report.seen)
                done.append(fetched.uid)
            connection.move(done)
            _moved(mailbox, uidvalidity, done)
            report.moved += len(done)
    Mailbox.objects.filter(pk=mailbox.pk).update(last_fetch_at=clock.now(), last_error="")
    return report


def _moved(mailbox: Mailbox, uidvalidity: int, uids: list[int]) -> None:
    InboundMessage.objects.filter(
        mailbox=mailbox, uidvalidity=uidvalidity, uid__in=uids, moved_at__isnull=True
    ).update(moved_at=clock.now())


def mail_fetch(*, mailbox: str | None = None) -> FetchReport:
    """File what waits, then read every active mailbox (or the one named).

    A mailbox that cannot be read (connection, login) is reported and skipped; the
    others are still read. PacteError if ``mailbox`` names no mailbox.
    """
    report = FetchReport()
    boxes = Mailbox.objects.filter(active=True).order_by("name")
    if mailbox is not None:
        boxes = Mailbox.objects.filter(name=mailbox)
        if not boxes.exists():
            raise PacteError(MailError.MAILBOX_UNKNOWN, f"No mailbox is named {mailbox!r}.")
    # Messages stored by a run that died before filing them.
    waiting = InboundMessage.objects.filter(status=InboundStatus.RECEIVED).order_by("id")
    for inbound_id in list(waiting.values_list("pk", flat=True)):
        _count(report, inbound_parse(inbound_id=inbound_id))
    for box in boxes:
        try:
            mailbox_fetch(mailbox=box, report=report)
        except (OSError, PacteError) as error:
            report.errors += 1
            message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
            logger.warning("mailbox %s: %s", box.name, message)
            Mailbox.objects.filter(pk=box.pk).update(last_error=str(message)[:2000])
    return report
