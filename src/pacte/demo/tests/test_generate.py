"""generate_demo: deterministic for a seed, plausible shares, clocks the recompute agrees with."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from pacte.cases.models import Case, CaseEvent, CaseStatus, Clock, ClockState, EventKind
from pacte.cases.recompute import clocks_recompute
from pacte.cases.services import MIN_HAND_OFF_NOTE
from pacte.commitments.models import Scheme
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import Customer, Line
from pacte.demo.errors import DemoError
from pacte.demo.rows import Tally

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[object, ...]:
    """Counts, the first case's fields and a digest of every case and event."""
    first = Case.objects.select_related("customer", "motive").order_by("pk").first()
    assert first is not None
    digest = hashlib.sha256()
    cases = Case.objects.order_by("pk").values_list(
        "pk", "customer__reference", "channel", "kind", "motive__code", "subject",
        "received_at", "team__code", "status", "due_at", "assignee__username",
    )  # fmt: skip
    events = CaseEvent.objects.order_by("pk").values_list("case_id", "kind", "at", "body")
    for rows in (cases, events):
        for row in rows:
            digest.update(repr(row).encode())
    return (
        Case.objects.count(),
        CaseEvent.objects.count(),
        Clock.objects.count(),
        Customer.objects.count(),
        (first.pk, first.customer.reference, first.channel, first.kind, first.motive.code,
         first.subject, first.received_at, first.due_at, first.status),
        digest.hexdigest(),
    )  # fmt: skip


def test_same_seed_gives_the_same_demo(generate):
    # given a demo generated with seed 1
    generate(seed=1)
    first = snapshot()
    # when it is generated again over it with the same seed
    generate(seed=1, reset=True)
    # then every case, event and id is the same
    assert snapshot() == first


def test_another_seed_gives_another_demo(generate):
    generate(seed=1)
    first = snapshot()
    generate(seed=2, reset=True)
    second = snapshot()
    contacts = Case.objects.filter(follows__isnull=True).exclude(kind=CaseKind.DUNNING).count()
    assert contacts == 400  # and the appeals of some answered complaints, and dunning
    assert second[4] != first[4]
    assert second[5] != first[5]


def test_generation_refuses_to_mix_with_existing_cases(generate):
    summary = generate()
    with pytest.raises(PacteError) as refused:
        generate()
    assert refused.value.code == DemoError.DATA_EXISTS
    assert Case.objects.count() == summary.tally.cases


def test_generation_refuses_an_empty_size(generate):
    with pytest.raises(PacteError) as refused:
        generate(contacts=0)
    assert refused.value.code == DemoError.BAD_SIZE


def test_recompute_after_generation_changes_nothing(generate, frozen_now):
    # given a year of generated history with its clocks computed in bulk
    summary = generate(contacts=1500, months=12, seed=7)
    # when every clock is derived again from the events, one case at a time
    report = clocks_recompute(now=frozen_now, batch_size=500)
    # then the recompute agrees with the generator on every clock and every deadline
    assert report.errors == []
    assert report.changes == 0
    assert report.unchanged == summary.tally.clocks == Clock.objects.count()
    assert report.cases == summary.tally.cases == Case.objects.count()
    assert Case.objects.filter(kind=CaseKind.APPEAL).exists()


def test_shares_are_roughly_those_of_a_mobile_operator(generate):
    summary = generate(contacts=4000, months=12, seed=3)
    tally: Tally = summary.tally

    def share(count: int) -> float:
        return float(count) / tally.cases

    assert share(tally.channels["phone"]) == pytest.approx(0.55, abs=0.03)
    assert share(tally.channels["email"]) == pytest.approx(0.15, abs=0.02)
    assert share(tally.channels["letter"]) == pytest.approx(0.05, abs=0.015)
    assert share(tally.channels["distributor_hotline"]) == pytest.approx(0.03, abs=0.01)
    informative = tally.kinds["information"] + tally.kinds["request"]
    assert share(informative) == pytest.approx(0.75, abs=0.03)
    assert share(tally.kinds["complaint"]) == pytest.approx(0.12, abs=0.02)
    assert share(tally.hand_offs) == pytest.approx(0.08, abs=0.015)
    assert share(tally.promises) == pytest.approx(0.03, abs=0.012)
    missed = tally.clock_states[ClockState.MET_LATE] + tally.clock_states[ClockState.BREACHED]
    assert 0.03 <= missed / tally.clocks <= 0.08


def test_history_is_seasonal_and_ends_now(generate, frozen_now):
    generate(contacts=4000, months=12, seed=3)
    received = list(Case.objects.values_list("received_at", flat=True))
    assert max(received) <= frozen_now
    assert min(received) >= frozen_now - timedelta(days=366)
    by_month = dict.fromkeys(range(1, 13), 0)
    for instant in received:
        by_month[instant.month] += 1
    assert by_month[9] > 1.5 * by_month[8]
    assert by_month[1] > by_month[8]
    assert sum(1 for r in received if r.weekday() < 5) > 0.85 * len(received)


def test_recent_cases_are_still_open_and_some_are_late(generate, frozen_now):
    generate(contacts=6000, months=12, seed=5)
    open_cases = Case.objects.open()
    assert open_cases.exists()
    assert open_cases.filter(due_at__lt=frozen_now).exists()
    assert open_cases.filter(due_at__gte=frozen_now).exists()
    # (appeals never answered and referrals awaiting the mediator stay open longer)
    level_1 = open_cases.filter(follows__isnull=True)
    assert not level_1.filter(received_at__lt=frozen_now - timedelta(days=40)).exists()
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() > 0.9 * Case.objects.count()


def test_every_trail_is_what_the_services_would_record(generate, frozen_now):
    generate(contacts=1500, months=6, seed=9)
    opened = CaseEvent.objects.filter(kind=EventKind.OPENED)
    assert opened.count() == Case.objects.count()
    assert not CaseEvent.objects.filter(at__gt=frozen_now).exists()
    for event in CaseEvent.objects.filter(kind=EventKind.HANDED_OFF):
        assert len(event.body) >= MIN_HAND_OFF_NOTE
        assert event.data["to_team"] == event.case.team.code
    for event in CaseEvent.objects.filter(kind=EventKind.DEADLINE_COMMITTED):
        assert datetime.fromisoformat(event.data["new_due_at"]) > datetime.fromisoformat(
            event.data["previous_due_at"]
        )
        assert event.data["counts"] == (event.at <= datetime.fromisoformat(
            event.data["previous_due_at"]
        ))  # fmt: skip
    answered = Case.objects.filter(status__in=[CaseStatus.ANSWERED, CaseStatus.CLOSED])
    assert answered.filter(assignee__isnull=True).count() == 0


def test_one_demo_login_per_role(generate):
    generate()
    roles = dict(User.objects.values_list("username", "role"))
    assert roles["agent"] == Role.AGENT
    assert roles["supervisor"] == Role.SUPERVISOR
    assert roles["quality"] == Role.QUALITY_MANAGER
    assert roles["auditor"] == Role.AUDITOR
    assert roles["customer"] == Role.CUSTOMER
    assert roles["distributor"] == Role.DISTRIBUTOR
    admin = User.objects.get(username="admin")
    assert (admin.role, admin.is_staff, admin.is_superuser) == (Role.ADMINISTRATOR, True, True)
    assert User.objects.get(username="agent").check_password("pacte-demo")


def test_demo_customer_and_distributor_have_cases(generate):
    generate(contacts=2000)
    customer = User.objects.get(username="customer").customer
    assert customer.cases.exists()
    assert Line.objects.filter(account__customer=customer).exists()
    distributor = User.objects.get(username="distributor").distributors.get()
    assert distributor.cases.exists()
    agent = User.objects.get(username="agent")
    assert Case.objects.filter(team__members=agent).open().exists()


def test_open_only_generates_a_backlog(generate):
    generate(contacts=500, months=1, open_only=True)
    assert not Case.objects.exclude(status__in=[CaseStatus.NEW, CaseStatus.OPEN]).exists()
    assert not CaseEvent.objects.filter(kind=EventKind.ANSWERED).exists()


def test_generation_needs_the_scheme_and_calendars(generate):
    Scheme.objects.filter(code="telecom-2004").update(code="renamed")
    with pytest.raises(PacteError) as refused:
        generate()
    assert refused.value.code == DemoError.MISSING_REFERENCE
