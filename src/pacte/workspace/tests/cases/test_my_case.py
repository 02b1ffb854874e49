"""A customer's own case, read-only: the conversation, the deadline in force and its
history, the attachments; never an internal note; another's case is a 404."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, Settings

from pacte.cases.messages import case_customer_message
from pacte.cases.models import Case
from pacte.cases.services import (
    case_add_note,
    case_answer,
    case_commit_deadline,
    case_hand_off,
)
from pacte.conftest import PARIS, Cast
from pacte.core.vocabulary import Channel
from pacte.intake.files import attachment_store
from pacte.workspace.tests.conftest import Cases, login

pytestmark = pytest.mark.django_db
NEW_DUE = datetime(2026, 3, 13, 17, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def page_url(case: Case) -> str:
    return reverse("workspace:my_case", args=[case.reference])


def talk(case: Case, cast: Cast, *, answer: bool = True) -> None:
    """The customer writes, an agent notes, commits a later deadline and answers."""
    case_customer_message(
        case=case,
        at=datetime(2026, 3, 9, 15, tzinfo=PARIS),
        channel=Channel.EMAIL,
        body="Any news about my plan?",
    )
    case_add_note(case=case, actor=cast.agent, body="Secret: check the fraud file.")
    case_commit_deadline(case=case, actor=cast.agent, new_due_at=NEW_DUE, told_via=Channel.EMAIL)
    if answer:
        case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body="We are on it.")


def test_the_customer_reads_the_conversation_and_the_deadline_in_force(
    client: Client, cast: Cast, cases: Cases
) -> None:
    # Given a case the customer wrote about, that an agent noted and re-dated
    talk(cases.front, cast, answer=False)

    # When the customer opens it from their list
    login(client, cast.customer_user)
    listing = client.get(reverse("workspace:my_cases"), HTTP_ACCEPT_LANGUAGE="en")
    open_case = client.get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # and again once it is answered
    case_answer(case=cases.front, actor=cast.agent, channel=Channel.EMAIL, body="We are on it.")
    response = client.get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="en")

    # Then the list links to it; the open case shows the new deadline in force and its
    # history (the new date, when the customer was told)
    assert page_url(cases.front) in listing.content.decode()
    in_force = open_case[open_case.index('class="my-case-deadline"') :]
    assert in_force.split("</dd>")[0].count('datetime="2026-03-13T17:00+01:00"') == 1
    assert 'New deadline <time datetime="2026-03-13T17:00+01:00">' in open_case
    assert 'told to you <time datetime="2026-03-10T10:00+01:00">' in open_case
    # and the answered case the messages in and out, in date order
    assert response.status_code == 200
    content = response.content.decode()
    assert cases.front.reference in content
    assert "Cannot change my plan" in content
    assert "Answered" in content
    assert content.index("Any news about my plan?") < content.index("We are on it.")
    assert "<table" not in content  # no wide table: readable on a phone
    # but never the internal note
    assert "Secret" not in open_case + content
    assert "fraud file" not in open_case + content


def test_a_hand_off_note_is_never_shown(client: Client, cast: Cast, cases: Cases) -> None:
    case_hand_off(
        case=cases.front, actor=cast.agent, note="Internal: a difficult one.", to_team=cast.back
    )
    content = login(client, cast.customer_user).get(page_url(cases.front)).content.decode()
    assert "difficult" not in content


def test_the_distributor_reads_the_case_their_shop_raised(
    client: Client, cast: Cast, cases: Cases
) -> None:
    response = login(client, cast.distributor_user).get(page_url(cases.front))
    assert response.status_code == 200
    assert login(client, cast.distributor_user).get(page_url(cases.back)).status_code == 404


def test_attachments_link_to_their_download(client: Client, cast: Cast, cases: Cases) -> None:
    attachment = attachment_store(name="invoice.pdf", content=b"%PDF-1.4\n", channel=Channel.EMAIL)
    attachment.case = cases.front
    attachment.save()
    content = login(client, cast.customer_user).get(page_url(cases.front)).content.decode()
    assert "invoice.pdf" in content
    assert reverse("workspace:attachment", args=[attachment.pk]) in content


@pytest.mark.parametrize("reference", ["other", "P99999999", "P1", "nothing", "Pabc"])
def test_another_customers_case_or_an_unknown_reference_is_a_404(
    client: Client, cast: Cast, cases: Cases, reference: str
) -> None:
    if reference == "other":
        reference = cases.back.reference
    url = reverse("workspace:my_case", args=[reference])
    assert login(client, cast.customer_user).get(url).status_code == 404


def test_staff_are_refused_as_on_my_cases(client: Client, cast: Cast, cases: Cases) -> None:
    # my_cases refuses staff with the styled 403; so does the case page of the portal
    for user in (cast.agent, cast.supervisor):
        assert login(client, user).get(reverse("workspace:my_cases")).status_code == 403
        assert login(client, user).get(page_url(cases.front)).status_code == 403


def test_a_fixed_number_of_queries_whatever_the_events(
    client: Client,
    cast: Cast,
    cases: Cases,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    login(client, cast.customer_user)
    client.get(page_url(cases.front))
    with django_assert_num_queries(6) as few:  # and the ratings of the answers
        client.get(page_url(cases.front))
    talk(cases.front, cast)
    for number in range(3):
        case_customer_message(
            case=cases.front,
            at=datetime(2026, 3, 9, 16 + number, tzinfo=PARIS),
            channel=Channel.EMAIL,
            body=f"Message {number}.",
        )
    with django_assert_num_queries(len(few.captured_queries)):
        content = client.get(page_url(cases.front)).content.decode()
    assert "Message 2." in content


def test_in_french_the_dates_read_french(client: Client, cast: Cast, cases: Cases) -> None:
    talk(cases.front, cast)
    content = (
        login(client, cast.customer_user)
        .get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="fr")
        .content.decode()
    )
    assert "ven. 13 mars 2026, 17 h 00" in content.replace("\xa0", " ")
    assert "Notre réponse" in content
