"""A live contact opens its case: found or new customer, solved or a deadline told.

The frozen now is Tuesday 10 March 2026, 10:00 in Paris: a phone request is due the
same day, at its end.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pacte.business_calendar.arithmetic import end_of_local_day
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.errors import CaseError
from pacte.cases.models import Case, CaseEvent, CaseStatus, ClockState, EventKind, Motive
from pacte.conftest import PARIS, Cast
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.intake.contacts import Caller, LiveContact, ToldDeadline, contact_case_open
from pacte.intake.errors import IntakeError

pytestmark = pytest.mark.django_db


def call(motive: Motive, **overrides: object) -> LiveContact:
    values: dict[str, object] = {
        "channel": Channel.PHONE,
        "kind": CaseKind.REQUEST,
        "motive": motive,
        "subject": "No network since Monday",
        "description": "Calls from the Lyon area.",
    }
    values.update(overrides)
    return LiveContact(**values)  # type: ignore[arg-type]


def kinds(case: Case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("kind", flat=True))


def test_a_call_not_solved_opens_the_case_with_the_deadline_told(
    cast: Cast, motive: Motive, frozen_now: datetime
) -> None:
    # Given the customer on the phone, whose request needs a technician
    told = ToldDeadline(on=date(2026, 3, 13), message="A technician calls you by Friday.")
    # When the agent opens the case with the deadline told before hang-up
    case = contact_case_open(
        actor=cast.agent,
        caller=Caller(customer=cast.customer),
        contact=call(motive, deadline=told),
        team=cast.front,
    )
    # Then the case is received now, on the phone, with the new deadline in force
    assert (case.customer, case.channel, case.team) == (cast.customer, Channel.PHONE, cast.front)
    assert case.received_at == frozen_now
    assert kinds(case) == [EventKind.OPENED, EventKind.DEADLINE_COMMITTED]
    promise = CaseEvent.objects.get(case=case, kind=EventKind.DEADLINE_COMMITTED)
    assert promise.channel == Channel.PHONE
    assert promise.body == "A technician calls you by Friday."
    assert promise.data["counts"] is True  # told before the end of today
    assert case.due_at == end_of_local_day(date(2026, 3, 13), CalendarSpec())
    assert case.clocks.get().committed_due_at == case.due_at


def test_a_call_solved_records_the_answer_and_stops_the_clock(
    cast: Cast, motive: Motive, frozen_now: datetime
) -> None:
    case = contact_case_open(
        actor=cast.agent,
        caller=Caller(customer=cast.customer),
        contact=call(motive, answer="Restarted the phone: network is back."),
        team=cast.front,
    )
    assert kinds(case) == [EventKind.OPENED, EventKind.ANSWERED]
    assert case.status == CaseStatus.ANSWERED
    assert case.clocks.get().state == ClockState.MET


def test_a_new_caller_becomes_a_customer(cast: Cast, motive: Motive, frozen_now: datetime) -> None:
    caller = Caller(first_name="Jeanne", last_name="Durand", phone="+33611223344")
    case = contact_case_open(
        actor=cast.agent, caller=caller, contact=call(motive, channel=Channel.CHAT), team=cast.front
    )
    customer = Customer.objects.get(phone="+33611223344")
    assert (customer.first_name, customer.last_name) == ("Jeanne", "Durand")
    assert (case.customer, case.channel) == (customer, Channel.CHAT)


@pytest.mark.parametrize(
    ("overrides", "caller", "code"),
    [
        # today's end is the deadline in force: a promise must be later
        ({"deadline": ToldDeadline(at=datetime(2026, 3, 10, 17, tzinfo=PARIS))}, None,
         CaseError.DEADLINE_NOT_LATER),
        ({"deadline": ToldDeadline(on=date(2026, 3, 14))}, None, IntakeError.NOT_A_BUSINESS_DAY),
        ({"channel": Channel.EMAIL}, None, IntakeError.CHANNEL_NOT_LIVE),
        ({"answer": "Done.", "deadline": ToldDeadline(on=date(2026, 3, 13))}, None,
         IntakeError.SOLVED_AND_COMMITTED),
        ({}, Caller(last_name="Durand"), IntakeError.CALLER_REQUIRED),
    ],
)  # fmt: skip
def test_refusals_keep_nothing(
    cast: Cast,
    motive: Motive,
    frozen_now: datetime,
    overrides: dict[str, object],
    caller: Caller | None,
    code: str,
) -> None:
    customers = Customer.objects.count()
    with pytest.raises(PacteError) as refused:
        contact_case_open(
            actor=cast.agent,
            caller=caller or Caller(customer=cast.customer),
            contact=call(motive, **overrides),
            team=cast.front,
        )
    assert refused.value.code == code
    assert not Case.objects.exists()
    assert Customer.objects.count() == customers


@pytest.mark.parametrize(("role", "team"), [("auditor", "front"), ("agent", "back")])
def test_readers_and_other_teams_are_forbidden(
    cast: Cast, motive: Motive, frozen_now: datetime, role: str, team: str
) -> None:
    with pytest.raises(ForbiddenError):
        contact_case_open(
            actor=cast.by_role_name(role),
            caller=Caller(customer=cast.customer),
            contact=call(motive),
            team=getattr(cast, team),
        )
    assert not Case.objects.exists()
