"""The portal's contact form: a customer files for their own record, a visitor verifies."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from pacte.cases.models import Case, Motive
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.factories import MotiveFactory
from pacte.intake.models import Attachment, ChannelRoute, SubmissionStatus, WebSubmission

pytestmark = pytest.mark.django_db

URL = "/public/contact/"
PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def immediate_tasks(settings: Settings) -> None:
    """Tasks run when enqueued (the email is sent when the transaction commits)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def motive(db: None) -> Motive:
    return MotiveFactory.create()


@pytest.fixture
def web_route(cast: Cast, motive: Motive) -> ChannelRoute:
    return ChannelRoute.objects.create(channel=Channel.WEB, team=cast.front, motive=motive)


def body(motive: Motive, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": CaseKind.COMPLAINT,
        "motive": motive.pk,
        "subject": "Facture trop élevée",
        "description": "Ma facture de février est fausse.",
        "attachments": [
            SimpleUploadedFile("facture.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("photo.png", PNG, "image/png"),
        ],
    }
    data.update(extra)
    return data


def visitor(motive: Motive, **extra: object) -> dict[str, object]:
    who: dict[str, object] = {
        "name": "Jeanne Martin",
        "email": "jeanne@example.test",
        "phone": "0611223344",
    }
    return body(motive, **{**who, **extra})


def emailed_link() -> str:
    (message,) = mail.outbox
    found = re.search(r"https?://\S+", str(message.body))
    assert found is not None
    return found.group(0)


def test_the_form_is_in_french_by_default_and_in_english_on_request(client: Client) -> None:
    french = client.get(URL)
    assert french.status_code == 200
    assert french["Content-Language"] == "fr"
    assert '<html lang="fr">' in french.content.decode()
    assert "Réclamation" in french.content.decode()  # the kinds, in French
    assert "Objet" in french.content.decode()
    english = client.get(URL + "?lang=en").content.decode()
    assert '<html lang="en">' in english
    assert "Your email address" in english
    assert 'action="?lang=en"' in english
    # and the page is never cached: it carries a CSRF token
    assert "no-cache" in french["Cache-Control"] or "max-age=0" in french["Cache-Control"]


def test_the_public_pages_link_to_the_form(client: Client) -> None:
    page = client.get("/public/results/?lang=en").content.decode()
    assert 'href="/public/contact/?lang=en"' in page


def test_a_customer_files_at_once_for_their_own_record(
    client: Client, cast: Cast, motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    client.force_login(cast.customer_user)
    form = client.get(URL + "?lang=en").content.decode()
    assert 'name="email"' not in form  # a customer says nothing of who they are
    assert cast.customer.reference in form
    response = client.post(URL + "?lang=en", body(motive))
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.customer, case.channel, case.team) == (cast.customer, Channel.WEB, cast.front)
    assert case.received_at == frozen_now
    assert sorted(Attachment.objects.filter(case=case).values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    # the confirmation shows the reference and the deadline
    done = client.get(response["Location"])
    content = done.content.decode().replace("\u00a0", " ")
    assert case.reference in content
    assert case.due_at is not None
    assert "Tue 17 Mar 2026, 23:59" in content  # a complaint: 5 business days
    assert mail.outbox == []


def test_a_bill_complaint_is_a_bill_dispute_with_its_deadline(
    client: Client, cast: Cast, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    # Given a customer who complains, on the form, about a bill
    bill = MotiveFactory.create(code="bill", label_fr="Facture", billing=True)
    client.force_login(cast.customer_user)
    # When they file it
    response = client.post(URL, body(bill))
    # Then the case is a bill dispute with the scheme's dispute deadline (T5.2)
    case = Case.objects.get()
    assert case.kind == CaseKind.BILL_DISPUTE
    assert case.due_at is not None
    assert "T5.2" in case.clocks.values_list("commitment__code", flat=True)
    # and the confirmation gives the date, not a dash
    content = client.get(response["Location"]).content.decode()
    assert 'class="deadline">—' not in content
    assert "mar.\u00a017\u00a0mars\u00a02026" in content


def test_a_customer_cannot_file_for_someone_elses_record(
    client: Client, cast: Cast, motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    client.force_login(cast.customer_user)
    response = client.post(
        URL,
        body(
            motive,
            customer=cast.other_customer.pk,
            customer_reference=cast.other_customer.reference,
            email=cast.other_customer.email,
            name="Someone Else",
        ),
    )
    assert response.status_code == 302
    assert Case.objects.get().customer == cast.customer
    assert not Case.objects.filter(customer=cast.other_customer).exists()


def test_a_customer_sees_only_their_own_confirmations(
    client: Client, cast: Cast, motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    client.force_login(cast.customer_user)
    done = client.post(URL, body(motive))["Location"]
    client.force_login(cast.other_customer_user)
    assert client.get(done).status_code == 404
    client.logout()
    assert client.get(done).status_code == 404


def test_a_visitor_confirms_the_address_then_the_case_opens_received_when_sent(
    client: Client,
    cast: Cast,
    motive: Motive,
    web_route: ChannelRoute,
    frozen_now: datetime,
    django_capture_on_commit_callbacks,
    immediate_tasks: None,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL + "?lang=en", visitor(motive))
    assert response.status_code == 302
    assert response["Location"] == "/public/contact/sent/?lang=en"
    assert "72 hours" in client.get(response["Location"]).content.decode()
    submission = WebSubmission.objects.get()
    assert submission.status == SubmissionStatus.AWAITING_VERIFICATION
    assert not Case.objects.exists()
    link = emailed_link()
    assert link.startswith("http://testserver/public/contact/verify/")
    assert link.endswith("?lang=en")
    # the next day the visitor follows the link
    with time_machine.travel(frozen_now + timedelta(days=1), tick=False):
        page = client.get(link)
    assert page.status_code == 200
    case = Case.objects.get()
    assert case.received_at == frozen_now
    assert case.reference in page.content.decode()
    assert case.customer.email == "jeanne@example.test"
    assert Attachment.objects.filter(case=case).count() == 2
    # a second click shows the same case and opens nothing more
    again = client.get(link)
    assert case.reference in again.content.decode()
    assert Case.objects.count() == 1


def test_an_expired_link_says_so(
    client: Client,
    cast: Cast,
    motive: Motive,
    web_route: ChannelRoute,
    frozen_now: datetime,
    django_capture_on_commit_callbacks,
    immediate_tasks: None,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, visitor(motive))
    link = emailed_link()
    with time_machine.travel(frozen_now + timedelta(hours=73), tick=False):
        page = client.get(link.replace("lang=fr", "lang=en"))
    assert page.status_code == 410
    assert "This link has expired" in page.content.decode()
    assert not Case.objects.exists()


def test_an_unknown_link_is_a_404_with_a_message(client: Client, web_route: ChannelRoute) -> None:
    page = client.get("/public/contact/verify/nothing-here/?lang=en")
    assert page.status_code == 404
    assert "This link is not valid" in page.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("empty.pdf", b""), "The submitted file is empty."),
        (SimpleUploadedFile("big.pdf", PDF + b"x" * 200), "big.pdf is larger than the limit"),
    ],
)
def test_a_bad_file_is_shown_on_the_form_and_nothing_is_lost(
    client: Client,
    cast: Cast,
    motive: Motive,
    web_route: ChannelRoute,
    settings: Settings,
    upload: SimpleUploadedFile,
    message: str,
) -> None:
    settings.PACTE_ATTACHMENT_MAX_BYTES = 100
    client.force_login(cast.customer_user)
    good = SimpleUploadedFile("facture.pdf", PDF)
    response = client.post(URL + "?lang=en", body(motive, attachments=[good, upload]))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    # what was typed is still there
    assert "Facture trop élevée" in content
    assert "Ma facture de février est fausse." in content
    assert not Case.objects.exists()
    assert not Attachment.objects.exists()


def test_missing_fields_are_shown(client: Client, motive: Motive, web_route: ChannelRoute) -> None:
    response = client.post(URL + "?lang=en", {"subject": "Hello", "email": "not-an-address"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required." in content
    assert "Enter a valid email address." in content
    assert 'value="Hello"' in content
    assert not WebSubmission.objects.exists()


def test_when_web_intake_is_closed_the_form_says_so(
    client: Client, cast: Cast, motive: Motive, settings: Settings
) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = ""
    client.force_login(cast.customer_user)
    response = client.post(URL + "?lang=en", body(motive))
    assert response.status_code == 200
    assert "The contact form is not open at the moment" in response.content.decode()
    assert not Case.objects.exists()


def test_the_setting_team_still_receives_web_cases_without_a_route(
    client: Client, cast: Cast, motive: Motive, settings: Settings, frozen_now: datetime
) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = "back"
    client.force_login(cast.customer_user)
    assert client.post(URL, body(motive)).status_code == 302
    assert Case.objects.get().team == cast.back


@pytest.mark.parametrize("role", ["agent", "distributor_user"])
def test_other_accounts_use_the_visitors_form(
    client: Client, cast: Cast, motive: Motive, web_route: ChannelRoute, role: str
) -> None:
    client.force_login(cast.by_role_name(role))
    response = client.post(URL, body(motive))
    assert response.status_code == 200  # name, email and phone are required
    assert not Case.objects.exists()
    assert not Customer.objects.filter(user=cast.by_role_name(role)).exists()


def test_a_visitor_giving_someone_elses_address_files_nothing_for_them(
    client: Client,
    cast: Cast,
    motive: Motive,
    web_route: ChannelRoute,
    frozen_now: datetime,
    django_capture_on_commit_callbacks,
    immediate_tasks: None,
) -> None:
    # Given a visitor who types the address of another customer
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, visitor(motive, email=cast.other_customer.email))
    assert response.status_code == 302
    # Then nothing is filed for that customer; the link goes to their mailbox, not the
    # visitor's, and only following it files the message
    assert not Case.objects.exists()
    (message,) = mail.outbox
    assert message.to == [cast.other_customer.email]
    assert "/public/contact/verify/" not in response.content.decode()
    assert "/public/contact/verify/" not in client.get(response["Location"]).content.decode()
