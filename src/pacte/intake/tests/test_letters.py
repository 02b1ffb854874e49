"""The mail room's service: a letter's case is received at the start of its stamped day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import time_machine
from pytest_django import Settings

from pacte.business_calendar.arithmetic import end_of_local_day
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case, CaseEvent, EventKind, Motive
from pacte.conftest import Cast, paris
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.factories import grant_past_instants
from pacte.intake.errors import IntakeError
from pacte.intake.letters import Scan, Sender, letter_register
from pacte.intake.models import Attachment, ChannelRoute, Letter
from pacte.intake.tests.conftest import HTML, JPEG, PDF

pytestmark = pytest.mark.django_db

# Wednesday 6 May 2026, 10:00 in Paris. Friday 1 May and Friday 8 May are holidays.
MAY_6 = paris(2026, 5, 6, 10)
PARIS_SPEC = CalendarSpec()


@pytest.fixture(autouse=True)
def _mail_room(cast: Cast) -> None:
    """``cast.agent`` works in the mail room: may register letters stamped earlier."""
    grant_past_instants(cast.agent)


@pytest.fixture
def may_6() -> Iterator[datetime]:
    with time_machine.travel(MAY_6, tick=False):
        yield MAY_6


def register(cast: Cast, motive: Motive, **overrides: object) -> Letter:
    arguments: dict[str, object] = {
        "received_on": date(2026, 5, 4),
        "scan": Scan(name="lettre.pdf", content=PDF, declared_type="application/pdf"),
        "sender": Sender(customer=cast.customer),
        "kind": CaseKind.REQUEST,
        "motive": motive,
        "subject": "Résiliation",
        "description": "Lettre recommandée",
        "actor": cast.agent,
    }
    arguments.update(overrides)
    return letter_register(**arguments)  # type: ignore[arg-type]


def deadline(day: date) -> datetime:
    return end_of_local_day(day, PARIS_SPEC)


@pytest.mark.parametrize(
    ("stamped", "due_day"),
    [
        # a Friday that is a business day: day 0 is the Friday; 5 bd, skipping 1 May
        (date(2026, 4, 24), date(2026, 5, 4)),
        # Friday 1 May, a holiday: day 0 is Monday 4 May; 5 bd skipping Friday 8 May
        (date(2026, 5, 1), date(2026, 5, 12)),
        # Saturday 2 May: day 0 is Monday 4 May, as for the holiday
        (date(2026, 5, 2), date(2026, 5, 12)),
    ],
)
def test_deadline_runs_from_the_start_of_the_stamped_day(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime, stamped, due_day
) -> None:
    letter = register(cast, motive, received_on=stamped)
    case = Case.objects.get(letter=letter)
    # received at 00:00 Paris time on the stamped day, whenever it was registered
    assert case.received_at == datetime(
        stamped.year, stamped.month, stamped.day, tzinfo=PARIS_SPEC.zone
    )
    assert letter.received_at == case.received_at
    assert case.due_at == deadline(due_day)
    assert case.channel == Channel.LETTER


def test_the_letter_its_scan_and_its_case_are_recorded_together(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime
) -> None:
    letter = register(cast, motive)
    case = Case.objects.get(letter=letter)
    # the case went to the letters' route, opened by the mail room agent
    assert (case.team, case.customer, case.opened_by) == (cast.back, cast.customer, cast.agent)
    assert (case.kind, case.motive, case.subject) == (CaseKind.REQUEST, motive, "Résiliation")
    # the scan is the case's attachment
    assert letter.scan.case == case
    assert letter.scan.channel == Channel.LETTER
    assert letter.scan.content_type == "application/pdf"
    # one OPENED event, at the receipt instant
    (event,) = CaseEvent.objects.filter(case=case)
    assert (event.kind, event.at, event.actor) == (EventKind.OPENED, case.received_at, cast.agent)
    assert (letter.registered_by, letter.registered_at) == (cast.agent, MAY_6.astimezone(UTC))
    assert letter.sender_name == cast.customer.display_name


def test_a_chosen_team_overrides_the_route(cast: Cast, motive: Motive, may_6: datetime) -> None:
    # no route is configured: the team must be given
    letter = register(cast, motive, team=cast.front)
    assert letter.case is not None
    assert letter.case.team == cast.front


def test_without_route_or_team_the_letter_is_refused(
    cast: Cast, motive: Motive, may_6: datetime
) -> None:
    with pytest.raises(PacteError) as refused:
        register(cast, motive)
    assert refused.value.code == IntakeError.NO_ROUTE
    assert not Letter.objects.exists()


def test_a_new_sender_becomes_a_customer_with_a_generated_number(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime
) -> None:
    sender = Sender(
        name="Jeanne Martin", address="3 rue des Lilas\n75011 Paris", email="J.Martin@Example.test"
    )
    letter = register(cast, motive, sender=sender)
    customer = letter.customer
    assert customer.reference.startswith("W")
    assert (customer.first_name, customer.last_name) == ("Jeanne", "Martin")
    assert customer.postal_address == "3 rue des Lilas\n75011 Paris"
    assert customer.email == "j.martin@example.test"
    assert letter.sender_name == "Jeanne Martin"
    assert letter.case is not None
    assert letter.case.customer == customer


@pytest.mark.parametrize(
    "sender",
    [Sender(), Sender(name="Jeanne Martin"), Sender(address="3 rue des Lilas")],
)
def test_a_sender_needs_a_customer_or_a_name_and_an_address(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime, sender: Sender
) -> None:
    customers = Customer.objects.count()
    with pytest.raises(PacteError) as refused:
        register(cast, motive, sender=sender)
    assert refused.value.code == IntakeError.SENDER_REQUIRED
    assert Customer.objects.count() == customers
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("stamped", "code"),
    [
        (date(2026, 5, 7), IntakeError.RECEIVED_IN_FUTURE),  # tomorrow
        (date(2026, 3, 6), IntakeError.RECEIVED_TOO_LONG_AGO),  # 61 days ago
    ],
)
def test_a_stamp_in_the_future_or_too_old_is_refused(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime, stamped, code
) -> None:
    with pytest.raises(PacteError) as refused:
        register(cast, motive, received_on=stamped)
    assert refused.value.code == code
    assert not Letter.objects.exists()
    assert not Attachment.objects.exists()
    assert not Case.objects.exists()


def test_today_and_the_oldest_allowed_day_are_accepted(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime, settings: Settings
) -> None:
    settings.PACTE_LETTER_MAX_AGE_DAYS = 10
    register(cast, motive, received_on=date(2026, 5, 6))
    register(cast, motive, received_on=date(2026, 4, 26))
    with pytest.raises(PacteError):
        register(cast, motive, received_on=date(2026, 4, 25))
    assert Letter.objects.count() == 2


def test_a_letter_stamped_today_needs_no_permission_and_is_not_late(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime
) -> None:
    # Given a writer outside the mail room (no permission to record past instants)
    clerk = cast.supervisor
    # When they register a letter stamped today
    letter = register(cast, motive, received_on=date(2026, 5, 6), actor=clerk)
    # Then it is received at the start of today and not marked late-recorded
    opened = CaseEvent.objects.get(case__letter=letter, kind=EventKind.OPENED)
    assert (opened.at, opened.recorded_at, opened.late_recorded) == (
        paris(2026, 5, 6),
        MAY_6,
        False,
    )


def test_an_earlier_stamp_needs_the_mail_rooms_permission_and_is_marked_late(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime
) -> None:
    # A writer without the permission cannot date a letter back; nothing is kept
    with pytest.raises(ForbiddenError) as refused:
        register(cast, motive, received_on=date(2026, 5, 4), actor=cast.supervisor)
    assert refused.value.code == "backdating_not_allowed"
    assert not Letter.objects.exists()
    # The mail room can, and the case's receipt says it was recorded late
    letter = register(cast, motive, received_on=date(2026, 5, 4))
    opened = CaseEvent.objects.get(case__letter=letter, kind=EventKind.OPENED)
    assert (opened.at, opened.late_recorded) == (paris(2026, 5, 4), True)


def test_today_is_the_local_day_not_the_utc_day(
    cast: Cast, motive: Motive, letter_route: ChannelRoute
) -> None:
    # 00:30 in Paris on 7 May is still 6 May in UTC: a letter stamped 7 May is today
    with time_machine.travel(paris(2026, 5, 7, 0, 30), tick=False):
        letter = register(cast, motive, received_on=date(2026, 5, 7))
    assert letter.received_at == paris(2026, 5, 7)


@pytest.mark.parametrize(("name", "content"), [("lettre.pdf", HTML), ("lettre.txt", b"hello")])
def test_a_scan_that_is_not_a_pdf_or_an_image_is_refused(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime, name, content
) -> None:
    with pytest.raises(PacteError) as refused:
        register(cast, motive, scan=Scan(name=name, content=content))
    assert refused.value.code == IntakeError.FILE_TYPE_REFUSED
    assert not Attachment.objects.exists()
    assert not Case.objects.exists()


def test_an_image_scan_is_accepted(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime
) -> None:
    letter = register(cast, motive, scan=Scan(name="photo.jpg", content=JPEG))
    assert letter.scan.content_type == "image/jpeg"


@pytest.mark.parametrize("role", ["quality_manager", "auditor", "customer_user"])
def test_only_case_writers_register_letters(
    cast: Cast, motive: Motive, letter_route: ChannelRoute, may_6: datetime, role: str
) -> None:
    with pytest.raises(ForbiddenError):
        register(cast, motive, actor=cast.by_role_name(role))
    assert not Letter.objects.exists()
