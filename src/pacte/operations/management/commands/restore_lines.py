"""Restore every paid line whose restoration is still waiting (the worker's safety net)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pacte.operations.restoration import restorations_due_task


class Command(BaseCommand):
    help = (
        "Restore the lines of the restoration cases still waiting (a job lost between a "
        "payment's commit and the queue); run every few minutes; safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = restorations_due_task.call()
        self.stdout.write(f"restored={done['restored']} refused={done['refused']}")
