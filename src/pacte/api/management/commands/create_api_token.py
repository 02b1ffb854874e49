"""Create (or show) the API token of a user, e.g. an integration's service account."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.authtoken.models import Token

from pacte.api.models import INTAKE_PERMISSION
from pacte.core.instants import PAST_PERMISSION
from pacte.core.models import User


class Command(BaseCommand):
    help = (
        "Print the API token of --username, creating it on first use (running it again "
        "prints the same token). --grant-intake also lets the user open cases on any "
        "channel for any team (integrations: IVR/ACD, email gateway, web form, mail room); "
        "--grant-past lets it record events that happened earlier, within the window "
        "(docs/trail.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--grant-intake", action="store_true")
        parser.add_argument("--grant-past", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}; create it first.")
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is inactive.")
        token, created = Token.objects.get_or_create(user=user)
        granted = [INTAKE_PERMISSION] if options["grant_intake"] else []
        granted += [PAST_PERMISSION] if options["grant_past"] else []
        for permission in granted:
            app_label, codename = permission.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        self.stderr.write("Created a token." if created else "The user already had a token.")
        self.stdout.write(token.key)
