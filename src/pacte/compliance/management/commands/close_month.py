"""Close a month for a scheme's active version, as a quality manager."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pacte.commitments.models import Scheme
from pacte.commitments.selectors import active_version
from pacte.compliance.closing import month_close
from pacte.compliance.periods import parse_month
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.models import User


class Command(BaseCommand):
    help = "Close a month: freeze its results and verdicts and seal them (quality manager only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM (Paris calendar month)")
        parser.add_argument("--scheme", required=True, help="scheme code")
        parser.add_argument("--user", required=True, help="username of the quality manager")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year, month = parse_month(options["month"])
            version = active_version(scheme=Scheme.objects.get(code=options["scheme"]))
            actor = User.objects.get(username=options["user"])
            closing = month_close(
                scheme_version=version, year=year, month=month, actor=actor, now=clock.now()
            )
        except Scheme.DoesNotExist as error:
            raise CommandError(f"No scheme {options['scheme']!r}.") from error
        except User.DoesNotExist as error:
            raise CommandError(f"No user {options['user']!r}.") from error
        except PacteError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        self.stdout.write(
            f"{version.scheme.code} v{version.number} {closing.label} closed, "
            f"seal {closing.seal} (previous {closing.previous_seal or '-'})"
        )
