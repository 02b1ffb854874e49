"""Stolen or lost phones (T6.4): declared 24/7, line and handset blocked each with its
time, the customer told, unblocked only after an identity check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pacte.cases.models import CaseEvent, Clock, ClockState, EventKind
from pacte.core.errors import PacteError
from pacte.core.instants import InstantError
from pacte.core.models import User
from pacte.core.vocabulary import Channel
from pacte.customers.models import LineStatus
from pacte.factories import (
    LineFactory,
    TeamFactory,
    UserFactory,
    grant_past_instants,
)
from pacte.mail.models import OutboundMessage
from pacte.operations.errors import OperationError
from pacte.operations.identity import identity_check_record
from pacte.operations.models import LineEvent
from pacte.operations.stolen import (
    imei_block,
    line_block,
    line_unblock,
    stolen_phone_block_both,
    stolen_phone_declare,
    stolen_times,
)

pytestmark = pytest.mark.django_db

# Saturday night: the service runs 24/7.
SATURDAY_NIGHT = datetime(2026, 11, 7, 2, 30, tzinfo=UTC)


def ivr_user() -> User:
    """The IVR's integration user: declares (operations.add_lineevent), dates the past."""
    user = UserFactory.create(role="integration", username="ivr")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="operations", codename="add_lineevent")
    )
    return grant_past_instants(user)


def declared(*, agent: User | None = None, email: str | None = None, **extra):
    agent = agent or UserFactory.create(role="agent")
    TeamFactory.create(code="front")
    line = LineFactory.create(imei="356938035643809")
    customer = line.account.customer
    if email is not None:
        customer.email = email
        customer.save(update_fields=["email"])
    case = stolen_phone_declare(
        customer=customer,
        line=line,
        channel=Channel.PHONE,
        actor=agent,
        lost_or_stolen="stolen",
        **extra,
    )
    return case, line, agent


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_a_declaration_opens_a_stolen_phone_case_with_a_one_hour_clock():
    case, line, _agent = declared()
    assert (case.kind, case.motive.code, case.received_at) == (
        "stolen_phone",
        "stolen-phone",
        SATURDAY_NIGHT,
    )
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    assert opened.data["line"] == line.pk
    assert opened.data["lost_or_stolen"] == "stolen"
    clock = Clock.objects.get(case=case)
    assert (clock.commitment.code, clock.due_at) == ("T6.4", SATURDAY_NIGHT + timedelta(hours=1))


def test_blocking_line_then_handset_records_each_time_and_meets_the_clock():
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        case, line, agent = declared()
    with time_machine.travel(SATURDAY_NIGHT + timedelta(minutes=12), tick=False):
        line_block(case=case, actor=agent)
    line.refresh_from_db()
    assert (line.status, line.imei_blocked) == (LineStatus.BLOCKED, False)
    assert Clock.objects.get(case=case).met_at is None
    with time_machine.travel(SATURDAY_NIGHT + timedelta(minutes=25), tick=False):
        imei_block(case=case, actor=agent)
    line.refresh_from_db()
    assert (line.status, line.imei_blocked) == (LineStatus.BLOCKED, True)
    events = LineEvent.objects.filter(line=line).order_by("seq")
    assert [e.data["cause"] for e in events] == ["stolen", "stolen"]
    assert all(e.case_id == case.pk for e in events)
    clock = Clock.objects.get(case=case)
    assert (clock.state, clock.met_at) == (ClockState.MET, SATURDAY_NIGHT + timedelta(minutes=25))
    times = stolen_times(case)
    assert times.line_blocked_at == SATURDAY_NIGHT + timedelta(minutes=12)
    assert times.imei_blocked_at == SATURDAY_NIGHT + timedelta(minutes=25)


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_the_customer_receives_the_three_times_once_both_are_blocked():
    case, _line, agent = declared()
    case.customer.preferred_language = "fr"
    case.customer.save(update_fields=["preferred_language"])
    stolen_phone_block_both(case=case, actor=agent)
    message = OutboundMessage.objects.get(case=case)
    assert message.to == case.customer.email
    assert "sam.\u00a07\u00a0nov.\u00a02026, 3\u00a0h\u00a030" in message.body  # Paris, French
    notice = CaseEvent.objects.get(case=case, kind=EventKind.NOTICE_SENT)
    assert notice.data["what"] == "stolen_confirmation"
    with pytest.raises(PacteError) as again:
        line_block(case=case, actor=agent)
    assert again.value.code == OperationError.ALREADY_BLOCKED
    assert OutboundMessage.objects.filter(case=case).count() == 1


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_without_an_address_the_case_records_why_the_confirmation_was_not_sent():
    case, _line, agent = declared(email="")
    stolen_phone_block_both(case=case, actor=agent)
    assert not OutboundMessage.objects.filter(case=case).exists()
    impossible = CaseEvent.objects.get(case=case, kind=EventKind.NOTICE_IMPOSSIBLE)
    assert impossible.data == {"party": "customer", "what": "stolen_confirmation"}


def test_unblocking_is_refused_without_an_identity_check_after_the_block():
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        case, line, agent = declared()
        identity_check_record(case=case, actor=agent, method="security_questions")
    with time_machine.travel(SATURDAY_NIGHT + timedelta(minutes=5), tick=False):
        stolen_phone_block_both(case=case, actor=agent)
    with time_machine.travel(SATURDAY_NIGHT + timedelta(days=1), tick=False):
        with pytest.raises(PacteError) as refused:
            line_unblock(case=case, actor=agent, reason="Phone found")
        assert refused.value.code == OperationError.UNBLOCK_IDENTITY_REQUIRED
        line.refresh_from_db()
        assert line.status == LineStatus.BLOCKED
        assert not CaseEvent.objects.filter(case=case, kind=EventKind.LINE_UNBLOCKED).exists()
        identity_check_record(case=case, actor=agent, method="one_time_code")
        line_unblock(case=case, actor=agent, reason="Phone found")
    line.refresh_from_db()
    assert (line.status, line.imei_blocked) == (LineStatus.ACTIVE, False)
    last = LineEvent.objects.filter(line=line).order_by("-seq")[0]
    assert last.data == {"cause": "unblock"}
    with pytest.raises(PacteError) as twice:
        line_unblock(case=case, actor=agent, reason="Again")
    assert twice.value.code == OperationError.NOT_BLOCKED


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_unblocking_needs_a_reason_and_a_block():
    case, _line, agent = declared()
    with pytest.raises(PacteError) as nothing:
        line_unblock(case=case, actor=agent, reason="Found it")
    assert nothing.value.code == OperationError.NOT_BLOCKED
    with pytest.raises(PacteError) as no_reason:
        line_unblock(case=case, actor=agent, reason=" ")
    assert no_reason.value.code == OperationError.REASON_REQUIRED


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_the_ivr_declaration_taken_earlier_is_late_recorded():
    ivr = ivr_user()
    taken = SATURDAY_NIGHT - timedelta(minutes=40)
    case, _line, _agent = declared(agent=ivr, at=taken)
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    assert (opened.at, opened.recorded_at, opened.late_recorded) == (taken, SATURDAY_NIGHT, True)
    assert Clock.objects.get(case=case).due_at == taken + timedelta(hours=1)


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_a_person_cannot_date_a_declaration_in_the_past():
    with pytest.raises(PacteError) as refused:
        declared(at=SATURDAY_NIGHT - timedelta(minutes=40))
    assert refused.value.code == InstantError.BACKDATING_NOT_ALLOWED


def test_the_one_hour_clock_runs_through_the_dst_change():
    # 25 Oct 2026: Paris goes from 03:00 CEST back to 02:00 CET at 01:00 UTC.
    declared_at = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 02:45 CEST
    with time_machine.travel(declared_at, tick=False):
        case, _line, agent = declared()
    clock = Clock.objects.get(case=case)
    assert clock.due_at == datetime(2026, 10, 25, 1, 45, tzinfo=UTC)  # 02:45 CET: one hour
    with time_machine.travel(declared_at + timedelta(minutes=58), tick=False):
        stolen_phone_block_both(case=case, actor=agent)
    clock.refresh_from_db()
    assert clock.state == ClockState.MET


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_refusals_name_the_rule():
    case, line, agent = declared()
    customer_user = UserFactory.create(role="customer")
    other = LineFactory.create()
    with pytest.raises(PacteError) as not_theirs:
        stolen_phone_declare(
            customer=case.customer,
            line=other,
            channel=Channel.PHONE,
            actor=agent,
            lost_or_stolen="lost",
        )
    assert not_theirs.value.code == OperationError.NO_LINE
    with pytest.raises(PacteError) as which:
        stolen_phone_declare(
            customer=case.customer,
            line=line,
            channel=Channel.PHONE,
            actor=agent,
            lost_or_stolen="?",
        )
    assert which.value.code == OperationError.STOLEN_KIND_INVALID
    with pytest.raises(PacteError) as customer_blocks:
        line_block(case=case, actor=customer_user)
    assert customer_blocks.value.code == OperationError.NOT_ALLOWED
    with pytest.raises(PacteError) as other_customer:
        stolen_phone_declare(
            customer=case.customer,
            line=line,
            channel=Channel.WEB,
            actor=customer_user,
            lost_or_stolen="lost",
        )
    assert other_customer.value.code == OperationError.NO_LINE
    auditor = UserFactory.create(role="auditor")
    with pytest.raises(PacteError) as auditor_declares:
        stolen_phone_declare(
            customer=case.customer,
            line=line,
            channel=Channel.PHONE,
            actor=auditor,
            lost_or_stolen="lost",
        )
    assert auditor_declares.value.code == OperationError.NOT_ALLOWED


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_a_customer_declares_for_their_own_line():
    user = UserFactory.create(role="customer")
    TeamFactory.create(code="front")
    line = LineFactory.create()
    customer = line.account.customer
    customer.user = user
    customer.save(update_fields=["user"])
    case = stolen_phone_declare(
        customer=customer, line=str(line.pk), channel=Channel.WEB, actor=user, lost_or_stolen="lost"
    )
    assert (case.channel, case.opened_by_id) == (Channel.WEB, user.pk)


@time_machine.travel(SATURDAY_NIGHT, tick=False)
def test_a_declaration_costs_no_fraud_team_query_for_a_customer_not_flagged():
    TeamFactory.create(code="front")
    line = LineFactory.create()
    agent = UserFactory.create(role="agent")
    with CaptureQueriesContext(connection) as queries:
        stolen_phone_declare(
            customer=line.account.customer,
            line=line,
            channel=Channel.PHONE,
            actor=agent,
            lost_or_stolen="lost",
        )
    assert not any('handles_fraud_victims" = ' in q["sql"] for q in queries.captured_queries)
