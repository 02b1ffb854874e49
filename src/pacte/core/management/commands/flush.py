"""``flush`` as Django's, with the append-only triggers let through for the flush only.

Tests that run in real transactions end with a flush of every table; the append-only
tables' triggers (``pacte.core.db_guard``) would refuse it otherwise.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush

from pacte.core.db_guard import maintenance


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with maintenance(options["database"]):
            super().handle(**options)
