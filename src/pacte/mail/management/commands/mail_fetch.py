"""Read the mailboxes now: store, file and move every message waiting (cron or --loop)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.core.errors import PacteError
from pacte.mail.intake import mail_fetch


class Command(BaseCommand):
    help = "Read the active IMAP mailboxes (or one) and file their messages as cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mailbox", help="Read only this mailbox (its name).")
        parser.add_argument(
            "--loop",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep reading, waiting SECONDS between runs (0: read once).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                report = mail_fetch(mailbox=options["mailbox"])
            except PacteError as error:
                raise CommandError(error.message) from error
            self.stdout.write(" ".join(f"{key}={value}" for key, value in report.as_dict().items()))
            if options["loop"] <= 0:
                return
            time.sleep(options["loop"])
