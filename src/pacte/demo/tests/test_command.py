"""The generate_demo command: prints a summary, refuses to mix, --if-empty, --logins."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pacte.cases.models import Case
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind

pytestmark = pytest.mark.django_db


def contacts() -> int:
    """The cases drawn as contacts: those that follow no other (not appeals, referrals)
    and are not the dunning cases the operations' demo adds."""
    return Case.objects.filter(follows__isnull=True).exclude(kind=CaseKind.DUNNING).count()


def run(*args: str) -> str:
    out = StringIO()
    call_command("generate_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_command_generates_and_prints_a_summary(frozen_now):
    output = run("--contacts", "300", "--months", "2", "--seed", "5", "-v", "2")
    assert "Demo generated in" in output
    assert f"cases {Case.objects.count():,} " in output
    assert "logins (pacte-demo): agent, appeals, supervisor" in output
    assert contacts() == 300
    # the demo agent works in the mail room: may register letters stamped earlier
    assert User.objects.get(username="agent").has_perm("core.record_past_instants")
    assert not User.objects.get(username="supervisor").has_perm("core.record_past_instants")
    # and the generated history is a sound set of hash chains
    check = StringIO()
    call_command("verify_trail", stdout=check)
    assert "chain(s) verified" in check.getvalue()


def test_command_refuses_existing_data_then_if_empty_does_nothing(frozen_now):
    run("--contacts", "200", "--months", "1")
    with pytest.raises(CommandError, match="--reset"):
        run("--contacts", "200", "--months", "1")
    assert "nothing generated" in run("--if-empty", "--contacts", "999")
    assert contacts() == 200


def test_command_reset_replaces_the_demo(frozen_now):
    run("--contacts", "200", "--months", "1")
    run("--contacts", "250", "--months", "1", "--reset")
    assert contacts() == 250
    assert Case.objects.order_by("pk").values_list("pk", flat=True)[0] == 1


def test_command_prints_the_logins_only():
    lines = run("--logins").splitlines()
    assert [line.split()[0] for line in lines] == [
        "agent", "appeals", "supervisor", "quality", "auditor", "admin", "customer", "distributor",
    ]  # fmt: skip
    assert all(line.split()[1] == "pacte-demo" for line in lines)
