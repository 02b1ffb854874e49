"""The customer's actions on the portal, through the pages: add information with a
file, rate each answer once, file a complaint or a bill dispute; every refusal shown
or a 404, never anything on another customer's case."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind
from pacte.cases.services import case_answer, case_close
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory
from pacte.intake.models import Attachment, ChannelRoute
from pacte.workspace.tests.conftest import Cases, login
from pacte.workspace.tests.customers.conftest import PDF

pytestmark = pytest.mark.django_db


def page_url(case: Case) -> str:
    return reverse("workspace:my_case", args=[case.reference])


def add_url(case: Case) -> str:
    return reverse("workspace:my_case_follow_up", args=[case.reference])


def rate_url(case: Case, answer: CaseEvent) -> str:
    return reverse("workspace:my_case_rate", args=[case.reference, answer.pk])


def answered(case: Case, cast: Cast, body: str = "We changed your plan.") -> CaseEvent:
    case_answer(case=case, actor=cast.agent, channel=Channel.EMAIL, body=body)
    return CaseEvent.objects.filter(case=case, kind=EventKind.ANSWERED).latest("pk")


def messages_of(case: Case) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case, kind=EventKind.CUSTOMER_MESSAGE))


# Add information -----------------------------------------------------------------------


def test_the_customer_adds_information_with_a_file(
    client: Client, cast: Cast, cases: Cases
) -> None:
    due_at = cases.front.due_at
    login(client, cast.customer_user)
    form = client.get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert add_url(cases.front) in form
    assert 'enctype="multipart/form-data"' in form

    response = client.post(
        add_url(cases.front),
        {"body": "My number is 06 11 22 33 44.", "attachment": SimpleUploadedFile("bill.pdf", PDF)},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    assert response["Location"] == page_url(cases.front) + "#conversation"
    (event,) = messages_of(cases.front)
    attachment = Attachment.objects.get(case=cases.front)
    assert event.actor == cast.customer_user
    assert event.channel == Channel.WEB
    assert event.data == {"attachments": [attachment.pk]}
    cases.front.refresh_from_db()
    assert cases.front.due_at == due_at  # a follow-up restarts no clock
    content = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My number is 06 11 22 33 44." in content
    assert "bill.pdf" in content
    assert "Your message was added to the case." in content


def test_an_empty_message_is_shown_refused_and_nothing_is_recorded(
    client: Client, cast: Cast, cases: Cases
) -> None:
    response = login(client, cast.customer_user).post(
        add_url(cases.front), {"body": "  "}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert messages_of(cases.front) == []


def test_an_empty_file_is_refused(client: Client, cast: Cast, cases: Cases) -> None:
    response = login(client, cast.customer_user).post(
        add_url(cases.front),
        {"body": "Here", "attachment": SimpleUploadedFile("empty.pdf", b"")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert messages_of(cases.front) == []
    assert not Attachment.objects.exists()


def test_a_closed_case_takes_the_message_and_stays_closed(
    client: Client, cast: Cast, cases: Cases
) -> None:
    case_close(case=cases.front, actor=cast.agent)
    login(client, cast.customer_user)
    assert (
        "does not reopen the case"
        in client.get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    client.post(add_url(cases.front), {"body": "One more thing."})
    cases.front.refresh_from_db()
    assert cases.front.status == CaseStatus.CLOSED
    assert len(messages_of(cases.front)) == 1


# Rate an answer ------------------------------------------------------------------------


def test_the_customer_rates_an_answer_once(client: Client, cast: Cast, cases: Cases) -> None:
    answer = answered(cases.front, cast)
    login(client, cast.customer_user)
    assert (
        rate_url(cases.front, answer)
        in client.get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )

    response = client.post(rate_url(cases.front, answer), {"score": "4", "comment": "Quick."})
    assert response.status_code == 302
    rated = CaseEvent.objects.get(case=cases.front, kind=EventKind.RATED)
    assert rated.data == {"score": 4, "answer_event": answer.pk}
    content = client.get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You rated this answer 4/5." in content
    assert rate_url(cases.front, answer) not in content  # no form once rated

    twice = client.post(rate_url(cases.front, answer), {"score": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert twice.status_code == 200
    assert "You already rated this answer." in twice.content.decode()
    assert CaseEvent.objects.filter(kind=EventKind.RATED).count() == 1


@pytest.mark.parametrize("score", ["", "0", "6", "four"])
def test_a_score_out_of_range_is_refused_on_the_form(
    client: Client, cast: Cast, cases: Cases, score: str
) -> None:
    answer = answered(cases.front, cast)
    response = login(client, cast.customer_user).post(
        rate_url(cases.front, answer), {"score": score}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not CaseEvent.objects.filter(kind=EventKind.RATED).exists()


def test_rating_something_that_is_not_an_answer_of_the_case_is_a_404(
    client: Client, cast: Cast, cases: Cases
) -> None:
    opened = CaseEvent.objects.get(case=cases.front, kind=EventKind.OPENED)
    other_answer = answered(cases.back, cast)
    login(client, cast.customer_user)
    for event in (opened, other_answer):
        assert client.post(rate_url(cases.front, event), {"score": "5"}).status_code == 404
    assert not CaseEvent.objects.filter(kind=EventKind.RATED).exists()


# Nothing on another customer's case ----------------------------------------------------


@pytest.mark.parametrize("who", ["other_customer_user", "distributor_user"])
def test_nobody_else_acts_on_the_customers_case(
    client: Client, cast: Cast, cases: Cases, who: str
) -> None:
    answer = answered(cases.front, cast)
    login(client, cast.by_role_name(who))
    page = client.get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="en")
    assert client.post(add_url(cases.front), {"body": "Hi"}).status_code == 404
    assert client.post(rate_url(cases.front, answer), {"score": "5"}).status_code == 404
    assert messages_of(cases.front) == []
    assert not CaseEvent.objects.filter(kind=EventKind.RATED).exists()
    if who == "distributor_user":  # their shop's case: they read it, with no form
        assert page.status_code == 200
        assert add_url(cases.front) not in page.content.decode()
    else:
        assert page.status_code == 404


def test_another_customers_attachment_is_a_404(client: Client, cast: Cast, cases: Cases) -> None:
    login(client, cast.other_customer_user)
    client.post(
        reverse("workspace:my_case_follow_up", args=[cases.back.reference]),
        {"body": "Scan", "attachment": SimpleUploadedFile("scan.pdf", PDF)},
    )
    attachment = Attachment.objects.get(case=cases.back)
    url = reverse("workspace:attachment", args=[attachment.pk])
    own = client.get(url)
    # read to the end: the test client then closes the file (a bare close() would also
    # close the test's database connection, as at the end of a request)
    assert b"".join(own.streaming_content) == PDF  # type: ignore[attr-defined]
    assert own.status_code == 200
    assert login(Client(), cast.customer_user).get(url).status_code == 404


@pytest.mark.parametrize("role", [None, "agent"])
def test_the_actions_are_the_customers_pages(
    client: Client, cast: Cast, cases: Cases, role: str | None
) -> None:
    if role is not None:
        login(client, cast.by_role_name(role))
    response = client.post(add_url(cases.front), {"body": "Hi"})
    assert response.status_code == (302 if role is None else 403)
    assert messages_of(cases.front) == []


# File a complaint or a bill dispute ----------------------------------------------------

NEW = reverse("workspace:my_case_new")


def test_the_customer_files_a_complaint_and_sees_its_deadline(
    client: Client, cast: Cast, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    login(client, cast.customer_user)
    assert (
        NEW in client.get(reverse("workspace:my_cases"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    response = client.post(
        NEW,
        {
            "kind": "complaint",
            "motive": web_route.motive.pk,
            "subject": "No network",
            "description": "Since Monday.",
            "attachment": SimpleUploadedFile("photo.pdf", PDF),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    case = Case.objects.get(customer=cast.customer, subject="No network")
    assert response.status_code == 302
    assert response["Location"] == page_url(case)
    assert (case.kind, case.channel, case.received_at) == (CaseKind.COMPLAINT, "web", frozen_now)
    assert case.opened_by == cast.customer_user
    assert case.due_at is not None
    assert Attachment.objects.get(case=case).original_name == "photo.pdf"
    content = client.get(page_url(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Your case {case.reference} is open." in content
    assert case.due_at.isoformat()[:10] in content


def test_a_bill_dispute_keeps_its_invoice_and_amount(
    client: Client, cast: Cast, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    bill = MotiveFactory.create(code="bill", label_en="Bill", label_fr="Facture", billing=True)
    login(client, cast.customer_user)
    client.post(
        NEW,
        {
            "kind": "bill_dispute",
            "motive": bill.pk,
            "subject": "Charged twice",
            "description": "March invoice.",
            "invoice": " F-2026-03-118 ",
            "amount": "12,5",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    case = Case.objects.get(customer=cast.customer, subject="Charged twice")
    opened = CaseEvent.objects.get(case=case, kind=EventKind.OPENED)
    assert case.kind == CaseKind.BILL_DISPUTE
    assert opened.data["invoice"] == "F-2026-03-118"
    assert opened.data["amount"] == "12.50"
    assert "T5.2" in case.clocks.values_list("commitment__code", flat=True)


def test_a_complaint_keeps_no_invoice(
    client: Client, cast: Cast, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    login(client, cast.customer_user).post(
        NEW,
        {
            "kind": "complaint",
            "motive": web_route.motive.pk,
            "subject": "Rude shop",
            "description": "At the shop.",
            "invoice": "F-1",
            "amount": "3",
        },
    )
    opened = CaseEvent.objects.get(case__subject="Rude shop", kind=EventKind.OPENED)
    assert "invoice" not in opened.data
    assert "amount" not in opened.data


@pytest.mark.parametrize(
    "change", [{"kind": "request"}, {"subject": ""}, {"amount": "-2"}, {"kind": "appeal"}]
)
def test_a_bad_new_case_is_shown_refused(
    client: Client,
    cast: Cast,
    web_route: ChannelRoute,
    frozen_now: datetime,
    change: dict[str, str],
) -> None:
    data = {
        "kind": "bill_dispute",
        "motive": web_route.motive.pk,
        "subject": "S",
        "description": "D",
        **change,
    }
    response = login(client, cast.customer_user).post(NEW, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Case.objects.filter(customer=cast.customer).exists()


def test_without_a_web_route_the_form_says_so(
    client: Client, cast: Cast, frozen_now: datetime
) -> None:
    motive = MotiveFactory.create()
    response = login(client, cast.customer_user).post(
        NEW,
        {"kind": "complaint", "motive": motive.pk, "subject": "S", "description": "D"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("who", ["distributor_user", "agent"])
def test_only_a_customer_files_here(client: Client, cast: Cast, who: str) -> None:
    assert login(client, cast.by_role_name(who)).get(NEW).status_code == 403


def test_the_actions_read_french(client: Client, cast: Cast, cases: Cases) -> None:
    answered(cases.front, cast)
    content = (
        login(client, cast.customer_user)
        .get(page_url(cases.front), HTTP_ACCEPT_LANGUAGE="fr")
        .content.decode()
    )
    assert "Noter cette réponse" in content
    assert "Compléter ou répondre" in content
    listing = client.get(reverse("workspace:my_cases"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Déposer une réclamation ou contester une facture" in listing
