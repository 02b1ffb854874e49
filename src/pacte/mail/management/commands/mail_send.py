"""Attempt every outbound email that is due (the safety net beside the worker's tasks)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pacte.mail.outbound import outbound_send_due


class Command(BaseCommand):
    help = "Send the queued outbound emails that are due, and retry the ones whose time came."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = outbound_send_due()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
