"""The mail room screen: writers register letters, readers read the register, others 403."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from pacte.cases.models import Case, Motive
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import CustomerFactory, MotiveFactory, grant_past_instants
from pacte.intake.letters import Scan, Sender, letter_register
from pacte.intake.models import Attachment, ChannelRoute, Letter
from pacte.workspace.tests.conftest import NON_STAFF, READERS, WRITERS, login

pytestmark = pytest.mark.django_db

URL = "/mailroom/"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _mail_room(cast: Cast) -> None:
    """The writers here work in the mail room: they may register letters stamped earlier."""
    for user in (cast.agent, cast.other_agent, cast.supervisor, cast.administrator):
        grant_past_instants(user)


@pytest.fixture
def motive(db: None) -> Motive:
    return MotiveFactory.create()


@pytest.fixture
def letter_route(cast: Cast, motive: Motive) -> ChannelRoute:
    return ChannelRoute.objects.create(channel=Channel.LETTER, team=cast.back, motive=motive)


def form(cast: Cast, motive: Motive, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "received_on": "2026-03-06",  # last Friday
        "scan": SimpleUploadedFile("lettre.pdf", PDF, "application/pdf"),
        "customer_reference": cast.customer.reference,
        "kind": CaseKind.COMPLAINT,
        "motive": motive.pk,
        "subject": "Lettre de réclamation",
        "description": "",
        "team": "",
    }
    data.update(extra)
    return data


def letters(cast: Cast, motive: Motive, count: int) -> None:
    for number in range(count):
        letter_register(
            received_on=date(2026, 3, 1 + number),
            scan=Scan(name="s.pdf", content=PDF),
            sender=Sender(customer=CustomerFactory.create()),
            kind=CaseKind.REQUEST,
            motive=motive,
            subject=f"Letter {number}",
            actor=cast.agent,
        )


@pytest.mark.parametrize("role", WRITERS)
def test_writers_register_a_letter_received_at_the_start_of_the_stamp_day(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now, role: str
) -> None:
    client = login(client, cast.by_role_name(role))
    assert 'name="scan"' in client.get(URL).content.decode()
    response = client.post(URL, form(cast, motive))
    letter = Letter.objects.get()
    assert response.status_code == 302
    # the writer sees the new case if they may read it (the agent is not in team back)
    expected = URL if role == "agent" else reverse("workspace:case", args=[letter.case_id])
    assert response["Location"] == expected
    case = Case.objects.get(letter=letter)
    assert case.received_at == paris(2026, 3, 6)
    assert (case.customer, case.team, case.channel) == (cast.customer, cast.back, Channel.LETTER)
    assert case.opened_by == cast.by_role_name(role)
    assert Attachment.objects.get(case=case).original_name == "lettre.pdf"


@pytest.mark.parametrize("role", READERS)
def test_readers_read_the_register_but_cannot_register(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now, role: str
) -> None:
    letters(cast, motive, 1)
    client = login(client, cast.by_role_name(role))
    page = client.get(URL)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="scan"' not in content
    assert Letter.objects.get().case.reference in content  # type: ignore[union-attr]
    assert client.post(URL, form(cast, motive)).status_code == 403
    assert Letter.objects.count() == 1


@pytest.mark.parametrize("role", NON_STAFF)
def test_customers_and_distributors_get_a_403(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, role: str
) -> None:
    client = login(client, cast.by_role_name(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form(cast, motive)).status_code == 403
    assert client.get("/mailroom/senders/?customer_reference=CU").status_code == 403
    assert not Letter.objects.exists()
    assert "/mailroom/" not in client.get("/my-cases/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_nav_links_the_mail_room_for_staff(client: Client, cast: Cast) -> None:
    assert 'href="/mailroom/"' in login(client, cast.auditor).get("/queue/").content.decode()


def test_a_scan_that_is_not_a_pdf_or_an_image_is_shown_on_the_form(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    html = SimpleUploadedFile("lettre.pdf", b"<html><script>x</script></html>", "application/pdf")
    response = login(client, cast.agent).post(
        URL, form(cast, motive, scan=html), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The scan must be a PDF or an image" in content
    assert "Lettre de réclamation" in content  # what was typed is kept
    assert not Letter.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"received_on": "2026-03-11"}, "The date of receipt is in the future."),
        ({"received_on": "2025-12-01"}, "more than 60 days ago"),
        ({"customer_reference": "NOPE"}, "No customer has this number."),
        ({"customer_reference": ""}, "give the sender&#x27;s name and postal address"),
        ({"received_on": ""}, "This field is required."),
    ],
)
def test_refusals_are_shown_on_the_form(
    client: Client,
    cast: Cast,
    motive: Motive,
    letter_route: ChannelRoute,
    frozen_now,
    extra: dict[str, str],
    message: str,
) -> None:
    response = login(client, cast.agent).post(
        URL, form(cast, motive, **extra), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Letter.objects.exists()


def test_a_new_sender_is_created_from_the_form(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    login(client, cast.agent).post(
        URL,
        form(
            cast,
            motive,
            customer_reference="",
            sender_name="Jeanne Martin",
            sender_address="3 rue des Lilas, Paris",
        ),
    )
    letter = Letter.objects.get()
    assert letter.customer.last_name == "Martin"
    assert letter.customer.postal_address == "3 rue des Lilas, Paris"
    assert letter.customer.reference.startswith("W")


def test_a_chosen_team_receives_the_case(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    login(client, cast.agent).post(URL, form(cast, motive, team=cast.front.pk))
    assert Case.objects.get().team == cast.front


@pytest.mark.parametrize(
    "typed",
    ["CU", "cu", "customer_email", "customer_last_name"],
    ids=["number", "lower", "email", "name"],
)
def test_sender_suggestions_by_number_email_or_name(client: Client, cast: Cast, typed: str) -> None:
    customer = cast.customer
    query = {
        "customer_email": customer.email[:6],
        "customer_last_name": customer.last_name[:4],
    }.get(typed, typed)
    response = login(client, cast.agent).get("/mailroom/senders/", {"customer_reference": query})
    assert response.status_code == 200
    assert f'<option value="{customer.reference}">' in response.content.decode()


def test_one_letter_typed_suggests_nothing(client: Client, cast: Cast) -> None:
    response = login(client, cast.agent).get("/mailroom/senders/?customer_reference=C")
    assert "<option" not in response.content.decode()


def test_the_register_reads_a_fixed_number_of_queries(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    client = login(client, cast.auditor)
    letters(cast, motive, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    letters(cast, motive, 5)
    with CaptureQueriesContext(connection) as six:
        page = client.get(URL)
    assert page.content.decode().count('class="letter"') == 6
    assert len(six) == len(one) <= 8


def test_the_register_is_paged_latest_stamp_first(
    client: Client,
    cast: Cast,
    motive: Motive,
    letter_route: ChannelRoute,
    frozen_now,
    settings: Settings,
) -> None:
    settings.PACTE_QUEUE_PAGE_SIZE = 2
    letters(cast, motive, 3)  # stamped 1, 2 and 3 March
    client = login(client, cast.quality_manager)
    first = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode().replace("\u00a0", " ")
    assert "Tue 3 Mar 2026" in first
    assert "Mon 2 Mar 2026" in first
    assert "Sun 1 Mar 2026" not in first
    second = (
        client.get(URL + "?page=2", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
        .replace("\u00a0", " ")
    )
    assert "Sun 1 Mar 2026" in second


def test_the_agent_is_told_the_new_cases_reference(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    response = login(client, cast.agent).post(
        URL, form(cast, motive), HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    reference = Case.objects.get().reference
    assert f"Letter registered: case {reference}." in response.content.decode()


def test_an_agent_cannot_file_a_letter_into_another_team(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    # Given the agent of team front
    # When they choose team back on the form
    response = login(client, cast.agent).post(URL, form(cast, motive, team=cast.back.pk))

    # Then the form says the choice is not valid, and nothing is kept
    assert response.status_code == 200
    assert response.context["form"].errors["team"]
    assert not Case.objects.exists()


def test_the_agent_is_offered_their_own_teams_only(client: Client, cast: Cast) -> None:
    page = login(client, cast.agent).get(URL)

    choices = list(page.context["form"].fields["team"].queryset)
    assert choices == [cast.front]


def test_the_register_shows_an_agent_their_teams_letters_only(
    client: Client, cast: Cast, motive: Motive, frozen_now
) -> None:
    # Given a letter filed into team front and one into team back
    for team, subject in ((cast.front, "Front letter"), (cast.back, "Back letter")):
        letter_register(
            received_on=date(2026, 3, 6),
            scan=Scan(name="s.pdf", content=PDF),
            sender=Sender(customer=cast.customer),
            kind=CaseKind.REQUEST,
            motive=motive,
            subject=subject,
            team=team,
            actor=cast.supervisor,
        )

    # When the agent of team front and the supervisor read the register
    agent_page = login(client, cast.agent).get(URL).content.decode()
    supervisor_page = login(Client(), cast.supervisor).get(URL).content.decode()

    # Then the agent sees front's letter only; the supervisor sees both
    assert agent_page.count('class="letter"') == 1
    assert supervisor_page.count('class="letter"') == 2


def test_the_date_stamp_is_an_iso_value_in_french_and_is_accepted(
    client: Client, cast: Cast, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    # given an agent whose pages are in French
    client = login(client, cast.agent)
    # when the mail room opens, the stamp holds today as the date input's ISO value
    # (the browser shows it the French way; "10/03/2026" would be rejected by it)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    today = timezone.localdate(frozen_now)
    assert f'name="received_on" value="{today.isoformat()}"' in page
    # and the ISO date the browser sends back is accepted in French
    response = client.post(URL, form(cast, motive), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert Letter.objects.get().received_on == date(2026, 3, 6)
