"""Print the permission table as the Markdown matrix docs/permissions.md holds."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pacte.core.permissions import render_matrix


class Command(BaseCommand):
    help = "Print who may do what (pacte.core.permissions.GRANTS) as a Markdown matrix."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(render_matrix())
