"""The case page and its forms: each posts through its service and records one event."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacte.business_calendar.arithmetic import end_of_local_day
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.messages import case_customer_message
from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind
from pacte.cases.services import case_add_note, case_assign, case_close, case_hand_off
from pacte.conftest import PARIS, Cast
from pacte.core import clock
from pacte.core.vocabulary import Channel
from pacte.customers.models import Account, BillingMode, Line
from pacte.factories import UserFactory, open_case
from pacte.mail.models import OutboundKind, OutboundMessage
from pacte.workspace.tests.conftest import Cases, event_count, login

pytestmark = pytest.mark.django_db


def act(case: Case, action: str) -> str:
    return reverse("workspace:case_act", args=[case.pk, action])


def last_event(case: Case) -> CaseEvent:
    return CaseEvent.objects.filter(case=case).latest("pk")


def test_case_page_shows_header_clocks_and_deadline(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # Given the customer's email request received Monday 09:00, seen Tuesday 10:00
    response = login(client, cast.agent).get(
        reverse("workspace:case", args=[cases.front.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    content = response.content.decode().replace("\u00a0", " ")
    # Then the header shows the case and its deadline in business terms, in local time
    assert cases.front.reference in content
    assert "Mon 9 Mar 2026, 09:00" in content
    assert "due Wed 23:59, 1 business day left" in content
    # and the clocks table shows the commitment and its state
    assert "T3.1" in content
    assert "Running" in content


def test_the_customers_other_cases_are_folded_with_a_link(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # Given a letter of the same customer, two weeks earlier
    letter = open_case(
        received_at=datetime(2026, 2, 23, 9, tzinfo=PARIS),
        team=cast.front,
        customer=cast.customer,
        channel=Channel.LETTER,
        subject="My old letter",
    )
    # When the agent opens the email case
    response = login(client, cast.agent).get(reverse("workspace:case", args=[cases.front.pk]))
    content = response.content.decode()
    # Then the letter is listed, folded, with a link, after this case's own trail
    folded = content.index('<details class="other-cases">')
    assert content.index('class="timeline"') < folded
    assert content.index(reverse("workspace:case", args=[letter.pk])) > folded
    assert letter.reference in content
    assert "other-case" in content
    # its events are not mixed into this case's trail
    assert "My old letter" not in content[: content.index('<details class="other-cases">')]
    # and the other customer's case is not there
    assert cases.back.reference not in content


def test_the_trail_is_this_cases_newest_first(client: Client, cast: Cast, cases: Cases) -> None:
    # Given a note, then the customer's new message, on the case
    case_add_note(case=cases.front, actor=cast.agent, body="First a note.")
    case_customer_message(
        case=cases.front, at=clock.now(), channel=Channel.EMAIL, body="Then my message."
    )
    content = (
        login(client, cast.agent)
        .get(reverse("workspace:case", args=[cases.front.pk]))
        .content.decode()
    )
    # Then the customer's message comes first, then the note, then the opening
    message, note = content.index("Then my message."), content.index("First a note.")
    assert message < note < content.index("event-opened")
    assert "side-in" in content
    assert "side-note" in content


def test_hand_offs_name_teams_and_agents_not_codes(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # Given the supervisor handed the case to an agent of the back office, who gave it back
    mate = UserFactory.create(username="bmate", first_name="Bruno", last_name="Leroy")
    cast.back.members.add(mate)
    case_hand_off(
        case=cases.front, actor=cast.supervisor, note="Back office handles SIMs.",
        to_team=cast.back, to_assignee=mate,
    )  # fmt: skip
    case_assign(case=cases.front, assignee=None, actor=cast.supervisor)
    # When the supervisor reads the case, in English
    content = (
        login(client, cast.supervisor)
        .get(reverse("workspace:case", args=[cases.front.pk]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    # Then the hand-off reads with the teams' and the agent's names
    assert "from Front office to Back office · Bruno Leroy" in content
    assert "from front to back" not in content
    assert "back to the team queue" in content
    assert "in the queue of Front office" in content


def test_the_case_page_costs_the_same_queries_however_long_the_history(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # Given the page of a case with a short history
    client = login(client, cast.agent)
    url = reverse("workspace:case", args=[cases.front.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as short:
        client.get(url)
    # When the customer gets more cases, events, hand-offs, lines and notes
    account = Account.objects.create(
        customer=cast.customer, number="A-1", billing_mode=BillingMode.PREPAID,
        opened_on=date(2025, 1, 1),
    )  # fmt: skip
    for number in range(3):
        Line.objects.create(account=account, msisdn=f"+3361000000{number}")
        other = open_case(
            received_at=datetime(2026, 3, 2 + number, 9, tzinfo=PARIS),
            team=cast.front,
            customer=cast.customer,
        )
        case_add_note(case=other, actor=cast.agent, body="Note.")
        case_add_note(case=cases.front, actor=cast.agent, body=f"Note {number}.")
    case_hand_off(
        case=cases.front, actor=cast.agent, note="To the colleague now.", to_assignee=cast.agent
    )
    with CaptureQueriesContext(connection) as long:
        content = client.get(url).content.decode()
    # Then the page costs the same number of queries,
    assert "+33610000002" in content
    # but one, the people the hand-off names (one query for all of them)
    assert len(long.captured_queries) == len(short.captured_queries) + 1


def test_answer_goes_through_the_service(client: Client, cast: Cast, cases: Cases) -> None:
    response = login(client, cast.agent).post(
        act(cases.front, "answer"),
        {"answer-channel": "email", "answer-body": "Your plan is changed."},
    )
    assert response.status_code == 302
    assert response.url == reverse("workspace:case", args=[cases.front.pk])  # type: ignore[attr-defined]
    event = last_event(cases.front)
    assert (event.kind, event.body, event.channel) == (
        EventKind.ANSWERED,
        "Your plan is changed.",
        "email",
    )
    cases.front.refresh_from_db()
    assert cases.front.status == CaseStatus.ANSWERED


def test_empty_answer_is_refused_and_writes_nothing(
    client: Client, cast: Cast, cases: Cases
) -> None:
    before = event_count(cases.front)
    response = login(client, cast.agent).post(
        act(cases.front, "answer"), {"answer-channel": "email", "answer-body": ""}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert event_count(cases.front) == before


def test_hand_off_without_a_note_is_refused_and_writes_nothing(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # Given the front case
    before = event_count(cases.front)
    # When the agent hands it off to the back office without a context note
    response = login(client, cast.agent).post(
        act(cases.front, "hand-off"),
        {"hand-off-to_team": cast.back.pk, "hand-off-note": "see"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    # Then the page shows the refusal on the note, and nothing changed
    assert response.status_code == 200
    assert "A hand-off needs a context note" in response.content.decode()
    assert event_count(cases.front) == before
    cases.front.refresh_from_db()
    assert cases.front.team == cast.front


def test_hand_off_refusal_in_french(client: Client, cast: Cast, cases: Cases) -> None:
    response = login(client, cast.agent).post(
        act(cases.front, "hand-off"), {"hand-off-to_team": cast.back.pk, "hand-off-note": ""}
    )
    assert "note de contexte" in response.content.decode()


def test_hand_off_with_a_note_moves_the_case(client: Client, cast: Cast, cases: Cases) -> None:
    # When the agent hands the case to the back office with a context note
    response = login(client, cast.agent).post(
        act(cases.front, "hand-off"),
        {"hand-off-to_team": cast.back.pk, "hand-off-note": "Customer wants a new SIM."},
    )
    # Then the hand-off is recorded with the note
    event = last_event(cases.front)
    assert event.kind == EventKind.HANDED_OFF
    assert event.body == "Customer wants a new SIM."
    assert event.data["to_team"] == "back"
    # and the agent, who no longer sees the case, is sent back to the queue
    assert response.status_code == 302
    assert response.url == reverse("workspace:queue")  # type: ignore[attr-defined]


def test_hand_off_to_a_colleague_stays_on_the_case(
    client: Client, cast: Cast, cases: Cases
) -> None:
    colleague = UserFactory.create(username="colleague")
    cast.front.members.add(colleague)
    response = login(client, cast.agent).post(
        act(cases.front, "hand-off"),
        {"hand-off-to_assignee": colleague.pk, "hand-off-note": "Please call her at 5 pm."},
    )
    assert response.status_code == 302
    assert response.url == reverse("workspace:case", args=[cases.front.pk])  # type: ignore[attr-defined]
    cases.front.refresh_from_db()
    assert cases.front.assignee == colleague


def test_htmx_hand_off_refusal_swaps_only_the_panel(
    client: Client, cast: Cast, cases: Cases
) -> None:
    before = event_count(cases.front)
    response = login(client, cast.agent).post(
        act(cases.front, "hand-off"),
        {"hand-off-to_team": cast.back.pk, "hand-off-note": ""},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section class="action-panel" id="panel-hand-off">')
    assert "A hand-off needs a context note" in content
    assert "<html" not in content
    assert event_count(cases.front) == before


def test_htmx_hand_off_done_redirects_the_page(client: Client, cast: Cast, cases: Cases) -> None:
    response = login(client, cast.supervisor).post(
        act(cases.front, "hand-off"),
        {"hand-off-to_team": cast.back.pk, "hand-off-note": "Back office handles SIMs."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("workspace:case", args=[cases.front.pk])
    assert last_event(cases.front).kind == EventKind.HANDED_OFF


def test_commit_deadline_on_a_business_day_means_its_end(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # When the agent promises Friday 13 March, told by phone at 09:30 today
    response = login(client, cast.agent).post(
        act(cases.front, "deadline"),
        {
            "deadline-new_date": "2026-03-13",
            "deadline-told_via": "phone",
            "deadline-message": "We will call you back by Friday.",
        },
    )
    # Then the promise is the end of Friday, local time, told at 09:30 local
    assert response.status_code == 302
    event = last_event(cases.front)
    assert event.kind == EventKind.DEADLINE_COMMITTED
    due = datetime.fromisoformat(event.data["new_due_at"])
    assert due == end_of_local_day(date(2026, 3, 13), CalendarSpec())
    # told now: the server's clock stamps it
    assert datetime.fromisoformat(event.data["told_at"]) == datetime(
        2026, 3, 10, 10, 0, tzinfo=PARIS
    )
    assert event.data["counts"] is True
    cases.front.refresh_from_db()
    assert cases.front.due_at == due


def test_commit_deadline_with_a_precise_time(client: Client, cast: Cast, cases: Cases) -> None:
    login(client, cast.agent).post(
        act(cases.front, "deadline"),
        {
            "deadline-new_datetime": "2026-03-12T17:00",
            "deadline-told_via": "email",
        },
    )
    due = datetime.fromisoformat(last_event(cases.front).data["new_due_at"])
    assert due == datetime(2026, 3, 12, 17, tzinfo=PARIS)


def test_commit_deadline_by_email_sends_the_agents_message(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # When the agent commits a new deadline told by email, with a message to the customer
    login(client, cast.agent).post(
        act(cases.front, "deadline"),
        {
            "deadline-new_date": "2026-03-13",
            "deadline-told_via": "email",
            "deadline-message": "The technician comes on Thursday.",
        },
    )
    # Then the notice queued for the customer carries that message
    notice = OutboundMessage.objects.get(case=cases.front, kind=OutboundKind.DEADLINE_NOTICE)
    assert "The technician comes on Thursday." in notice.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"deadline-new_date": "2026-03-14"}, "not a business day"),
        ({}, "Give either a business day or a precise time"),
        (
            {"deadline-new_date": "2026-03-13", "deadline-new_datetime": "2026-03-13T10:00"},
            "Give either a business day or a precise time",
        ),
        ({"deadline-new_date": "2026-03-10"}, "must be later than the one in force"),
    ],
)
def test_commit_deadline_refusals_write_nothing(
    client: Client, cast: Cast, cases: Cases, data: dict[str, str], message: str
) -> None:
    before = event_count(cases.front)
    posted = {"deadline-told_via": "phone", **data}
    response = login(client, cast.agent).post(
        act(cases.front, "deadline"), posted, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert event_count(cases.front) == before


def test_note_close_and_reopen(client: Client, cast: Cast, cases: Cases) -> None:
    client = login(client, cast.agent)
    client.post(act(cases.front, "note"), {"note-body": "Customer is abroad."})
    assert last_event(cases.front).kind == EventKind.NOTE
    client.post(act(cases.front, "close"), {"close-reason": "Solved by phone."})
    assert last_event(cases.front).kind == EventKind.CLOSED
    page = client.get(reverse("workspace:case", args=[cases.front.pk])).content.decode()
    assert act(cases.front, "reopen") in page
    assert act(cases.front, "answer") not in page
    client.post(act(cases.front, "reopen"), {"reopen-reason": "Customer called again."})
    event = last_event(cases.front)
    assert (event.kind, event.body) == (EventKind.REOPENED, "Customer called again.")


def test_reopening_an_open_case_is_refused(client: Client, cast: Cast, cases: Cases) -> None:
    before = event_count(cases.front)
    response = login(client, cast.agent).post(
        act(cases.front, "reopen"), {"reopen-reason": "Why not"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "The case is not closed." in response.content.decode()
    assert event_count(cases.front) == before


def test_answering_a_closed_case_is_refused(client: Client, cast: Cast, cases: Cases) -> None:
    case_close(case=cases.front, actor=cast.agent)
    before = event_count(cases.front)
    response = login(client, cast.agent).post(
        act(cases.front, "answer"),
        {"answer-channel": "email", "answer-body": "Late answer."},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The case is closed." in response.content.decode()
    assert event_count(cases.front) == before


def test_supervisor_reassigns_from_the_queue(client: Client, cast: Cast, cases: Cases) -> None:
    # Given the supervisor on the front team's queue
    queue_url = reverse("workspace:queue") + "?team=front"
    client = login(client, cast.supervisor)
    assert "assign-assignee" in client.get(queue_url).content.decode()
    # When they give the case to the agent
    response = client.post(
        act(cases.front, "assign"), {"assign-assignee": cast.agent.pk, "next": queue_url}
    )
    # Then the assignment is recorded and they are back on the queue
    assert response.status_code == 302
    assert response.url == queue_url  # type: ignore[attr-defined]
    event = last_event(cases.front)
    assert (event.kind, event.data["to"]) == (EventKind.ASSIGNED, cast.agent.pk)


def test_reassign_to_someone_outside_the_team_is_refused(
    client: Client, cast: Cast, cases: Cases
) -> None:
    before = event_count(cases.front)
    response = login(client, cast.supervisor).post(
        act(cases.front, "assign"), {"assign-assignee": cast.other_agent.pk}
    )
    assert response.status_code == 200
    assert event_count(cases.front) == before


def test_next_must_stay_on_the_site(client: Client, cast: Cast, cases: Cases) -> None:
    response = login(client, cast.supervisor).post(
        act(cases.front, "assign"),
        {"assign-assignee": cast.agent.pk, "next": "https://evil.example/"},
    )
    assert response.url == reverse("workspace:case", args=[cases.front.pk])  # type: ignore[attr-defined]
