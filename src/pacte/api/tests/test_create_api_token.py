"""manage.py create_api_token: one token per user, printed again on every run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from pacte.conftest import Cast


def run(*args: str) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_run_twice_prints_the_same_token(cast: Cast) -> None:
    first = run("--username", "agent")
    second = run("--username", "agent")

    assert first == second == Token.objects.get(user=cast.agent).key
    assert Token.objects.count() == 1


def test_grant_intake_gives_the_integration_permission(cast: Cast) -> None:
    run("--username", "customer", "--grant-intake")
    run("--username", "customer", "--grant-intake")

    cast.customer_user.refresh_from_db()
    assert cast.customer_user.has_perm("api.intake_cases")
    assert cast.customer_user.user_permissions.count() == 1


def test_grant_past_gives_the_permission_to_record_past_instants(cast: Cast) -> None:
    run("--username", "customer", "--grant-intake", "--grant-past")

    user = type(cast.customer_user).objects.get(pk=cast.customer_user.pk)
    assert user.has_perm("api.intake_cases")
    assert user.has_perm("core.record_past_instants")


def test_unknown_user_is_an_error(db: None) -> None:
    with pytest.raises(CommandError, match="No user named"):
        run("--username", "ghost")


def test_inactive_user_is_an_error(cast: Cast) -> None:
    cast.agent.is_active = False
    cast.agent.save()

    with pytest.raises(CommandError, match="inactive"):
        run("--username", "agent")
