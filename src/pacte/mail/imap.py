"""The IMAP adapter: connect to a mailbox, list and fetch messages by UID, move them.

Built on imap-tools; the fetch is a plain ``UID FETCH (UID INTERNALDATE BODY.PEEK[])``
because imap-tools' own fetch reads no INTERNALDATE, and PEEK leaves ``\\Seen`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted

from pacte.core.errors import PacteError
from pacte.mail.errors import MailError
from pacte.mail.models import Mailbox, Security

_UID = re.compile(rb"UID (\d+)")
_INTERNALDATE = re.compile(
    rb'INTERNALDATE "\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"'
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1,
    )
}
TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Fetched:
    """One message as the server holds it."""

    uid: int
    internaldate: datetime
    raw: bytes


def internaldate(meta: bytes) -> datetime:
    """The aware instant of an IMAP ``INTERNALDATE "dd-Mon-yyyy hh:mm:ss +zzzz"``."""
    found = _INTERNALDATE.search(meta)
    if found is None:
        raise ValueError(f"no INTERNALDATE in {meta[:200]!r}")
    day, month, year, hour, minute, second, sign, off_h, off_m = found.groups()
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == b"-" else 1)
    return datetime(
        int(year),
        _MONTHS[month.decode().title()],
        int(day),
        int(hour),
        int(minute),
        int(second),
        tzinfo=timezone(offset),
    )


def _messages(data: list[Any]) -> Iterator[Fetched]:
    """Split a FETCH response: a ``(meta, literal)`` tuple starts each message; the bytes
    after it may carry the rest of its items (servers put UID after the literal too)."""
    meta, raw = b"", None
    for item in [*data, None]:
        if isinstance(item, bytes) and raw is not None:
            meta += item
            continue
        if raw is not None:
            uid = _UID.search(meta)
            if uid is not None:
                yield Fetched(uid=int(uid.group(1)), internaldate=internaldate(meta), raw=raw)
            raw = None
        if isinstance(item, tuple):
            meta, raw = item[0], item[1]


class Connection:
    """An open, logged-in mailbox with its folder selected."""

    def __init__(self, client: BaseMailBox, mailbox: Mailbox) -> None:
        self.client = client
        self.mailbox = mailbox

    def uidvalidity(self) -> int:
        status = self.client.folder.status(self.mailbox.folder, ["UIDVALIDITY"])
        return int(status["UIDVALIDITY"])

    def uids(self) -> list[int]:
        return sorted(int(uid) for uid in self.client.uids("ALL"))

    def fetch(self, uids: list[int]) -> list[Fetched]:
        if not uids:
            return []
        status, data = self.client.client.uid(
            "FETCH", ",".join(str(uid) for uid in uids), "(UID INTERNALDATE BODY.PEEK[])"
        )
        if status != "OK":
            raise OSError(f"UID FETCH failed: {status} {data!r}")
        return sorted(_messages(list(data)), key=lambda fetched: fetched.uid)

    def move(self, uids: list[int]) -> None:
        if uids:
            self.client.move([str(uid) for uid in uids], self.mailbox.processed_folder)

    def ensure_processed_folder(self) -> None:
        if not self.client.folder.exists(self.mailbox.processed_folder):
            self.client.folder.create(self.mailbox.processed_folder)


def _client(mailbox: Mailbox) -> BaseMailBox:
    if mailbox.security == Security.SSL:
        return MailBox(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)
    if mailbox.security == Security.STARTTLS:
        return MailBoxStartTls(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)
    return MailBoxUnencrypted(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)


@contextmanager
def connect(mailbox: Mailbox) -> Iterator[Connection]:
    """Log in to ``mailbox`` and select its folder; PacteError if the password is unset."""
    password = mailbox.password()
    if not password:
        raise PacteError(
            MailError.MAILBOX_LOGIN,
            f"Mailbox {mailbox.name}: the environment variable {mailbox.password_env} is not set.",
        )
    client = _client(mailbox)
    client.login(mailbox.username, password, initial_folder=mailbox.folder)
    try:
        connection = Connection(client, mailbox)
        connection.ensure_processed_folder()
        yield connection
    finally:
        client.logout()
