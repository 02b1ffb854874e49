"""A ``mail_fetch`` killed with SIGKILL mid-way, then run again: every message filed
exactly once, no duplicate case. The run is a real subprocess on the test database
(PostgreSQL: the same database; SQLite: a file copy of it, copied back afterwards)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from pacte.cases.models import Case
from pacte.core import clock
from pacte.mail.intake import FAULT_ENV
from pacte.mail.models import InboundMessage, InboundStatus, OutboundMessage
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
MANAGE = Path(settings.BASE_DIR) / "manage.py"


class Database:
    """The test database as a subprocess sees it."""

    def __init__(self, tmp_path: Path) -> None:
        self.env = {**os.environ, "PACTE_MEDIA_ROOT": str(tmp_path / "media")}
        self.file = tmp_path / "copy.sqlite3"
        if connection.vendor == "postgresql":
            conf = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{conf['USER']}:{conf['PASSWORD'] or ''}@{conf['HOST'] or 'localhost'}"
                f":{conf['PORT'] or 5432}/{conf['NAME']}"
            )
        else:
            self.env.pop("DATABASE_URL", None)
            self.env["PACTE_SQLITE_PATH"] = str(self.file)

    @contextmanager
    def shared(self) -> Iterator[None]:
        """Hand the database to subprocesses for the block (SQLite: copy out, then back)."""
        if connection.vendor != "sqlite":
            yield
            return
        connection.ensure_connection()
        with sqlite3.connect(self.file) as target:
            connection.connection.backup(target)
        target.close()
        yield
        source = sqlite3.connect(self.file)
        source.backup(connection.connection)
        source.close()

    def mail_fetch(self, fault: str = "") -> int:
        env = {**self.env, FAULT_ENV: fault} if fault else self.env
        done = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, str(MANAGE), "mail_fetch"],
            env=env,
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode in (0, -signal.SIGKILL), done.stderr.decode()[-3000:]
        return done.returncode


@pytest.mark.parametrize("fault", ["stored:2", "parsed:3"])
def test_run_killed_mid_way_then_rerun_files_every_message_once(
    cast, dovecot, mailbox, email_route, tmp_path, fault
):
    # Given four messages in the mailbox
    dovecot.append_many(
        [
            email_bytes(sender=f"c{n}@example.org", subject=f"Request {n}", message_id=f"m{n}@x")
            for n in range(1, 5)
        ],
        at=clock.now() - timedelta(hours=1),
    )
    database = Database(tmp_path)
    # When intake is killed with SIGKILL after the second message was stored (or the
    # third filed)
    with database.shared():
        assert database.mail_fetch(fault) == -signal.SIGKILL
    stage, count = fault.split(":")
    stored = InboundMessage.objects.order_by("id")
    assert stored.count() == int(count)
    filed = int(count) - 1 if stage == "stored" else int(count)
    assert stored.filter(status=InboundStatus.PARSED).count() == filed
    assert Case.objects.count() == filed
    assert len(dovecot.uids("INBOX")) == 4  # nothing moved before the parse committed
    # And intake runs again
    with database.shared():
        assert database.mail_fetch() == 0
    # Then every message is stored once, filed once, acknowledged once, and moved
    assert stored.count() == 4
    assert set(stored.values_list("status", flat=True)) == {InboundStatus.PARSED}
    assert sorted(Case.objects.values_list("subject", flat=True)) == [
        f"Request {n}" for n in range(1, 5)
    ]
    assert OutboundMessage.objects.count() == 4
    assert dovecot.uids("INBOX") == []
    assert len(dovecot.uids("Processed")) == 4
    # And a third run finds nothing to do
    with database.shared():
        assert database.mail_fetch() == 0
    assert (InboundMessage.objects.count(), Case.objects.count()) == (4, 4)
