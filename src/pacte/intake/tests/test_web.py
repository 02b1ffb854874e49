"""The portal's service: received when submitted, for one's own record, verified by email."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from pytest_django import Settings

from pacte.cases.models import Case, CaseEvent, EventKind, Motive
from pacte.conftest import Cast
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.factories import MotiveFactory, TeamFactory, UserFactory
from pacte.intake.errors import IntakeError
from pacte.intake.models import Attachment, ChannelRoute, SubmissionStatus, WebSubmission
from pacte.intake.tasks import web_verification_send_task
from pacte.intake.tests.conftest import HTML, PDF
from pacte.intake.web import (
    MAX_FILES,
    Upload,
    WebContact,
    token_digest,
    web_case_file,
    web_submission_receive,
    web_submission_verify,
    web_team,
)

pytestmark = pytest.mark.django_db


def contact(motive: Motive, **overrides: object) -> WebContact:
    values: dict[str, object] = {
        "kind": CaseKind.COMPLAINT,
        "motive": motive,
        "subject": "Facture trop élevée",
        "description": "Ma facture de février est fausse.",
        "uploads": (Upload(name="facture.pdf", content=PDF, declared_type="application/pdf"),),
    }
    values.update(overrides)
    return WebContact(**values)  # type: ignore[arg-type]


def link(token: str) -> str:
    return f"https://pacte.example/public/contact/verify/{token}/"


def receive(motive: Motive, **overrides: object) -> tuple[WebSubmission, str]:
    """A visitor's submission and the token its email carries."""
    arguments: dict[str, object] = {
        "name": "Jeanne Martin",
        "email": "Jeanne.Martin@Example.test",
        "phone": "+33611223344",
        "contact": contact(motive),
        "verify_link": link,
        "language": "fr",
    }
    arguments.update(overrides)
    captured: list[str] = []

    def remember(token: str) -> str:
        captured.append(token)
        return link(token)

    arguments["verify_link"] = remember
    submission = web_submission_receive(**arguments)  # type: ignore[arg-type]
    return submission, captured[0]


def test_a_customer_files_for_their_own_record_received_now(
    cast: Cast, motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    submission = web_case_file(user=cast.customer_user, contact=contact(motive))
    case = Case.objects.get(web_submission=submission)
    assert (case.customer, case.channel, case.team) == (cast.customer, Channel.WEB, cast.front)
    assert (case.kind, case.subject) == (CaseKind.COMPLAINT, "Facture trop élevée")
    assert case.received_at == frozen_now == submission.submitted_at
    assert case.due_at is not None
    assert submission.status == SubmissionStatus.RECEIVED
    assert submission.customer == cast.customer
    # the attachment is on the case
    (attachment,) = Attachment.objects.filter(case=case)
    assert (attachment.original_name, attachment.channel) == ("facture.pdf", Channel.WEB)
    (event,) = CaseEvent.objects.filter(case=case)
    assert (event.kind, event.actor) == (EventKind.OPENED, cast.customer_user)


@pytest.mark.parametrize(
    ("kind", "billing", "opened"),
    [
        (CaseKind.COMPLAINT, True, CaseKind.BILL_DISPUTE),
        (CaseKind.COMPLAINT, False, CaseKind.COMPLAINT),
        (CaseKind.REQUEST, True, CaseKind.REQUEST),
    ],
)
def test_a_complaint_about_a_bill_opens_a_bill_dispute(
    cast: Cast,
    web_route: ChannelRoute,
    frozen_now: datetime,
    kind: CaseKind,
    billing: bool,
    opened: CaseKind,
) -> None:
    motive = MotiveFactory.create(code="about-bill", billing=billing)
    submission = web_case_file(user=cast.customer_user, contact=contact(motive, kind=kind))
    case = Case.objects.get(web_submission=submission)
    assert case.kind == opened
    assert submission.kind == kind  # what the customer chose is kept as they chose it
    if opened != CaseKind.REQUEST:
        assert case.due_at is not None


@pytest.mark.parametrize("role", ["agent", "distributor_user", "administrator"])
def test_only_a_customer_account_files_directly(
    cast: Cast, motive: Motive, web_route: ChannelRoute, role: str
) -> None:
    with pytest.raises(PacteError) as refused:
        web_case_file(user=cast.by_role_name(role), contact=contact(motive))
    assert refused.value.code == IntakeError.NOT_A_CUSTOMER
    assert not Case.objects.exists()


def test_a_customer_account_without_customer_record_is_refused(
    motive: Motive, web_route: ChannelRoute
) -> None:
    orphan = UserFactory.create(username="orphan", role="customer")
    with pytest.raises(PacteError):
        web_case_file(user=orphan, contact=contact(motive))
    assert not WebSubmission.objects.exists()


def test_the_form_files_requests_and_complaints_only(
    cast: Cast, motive: Motive, web_route: ChannelRoute
) -> None:
    with pytest.raises(PacteError) as refused:
        web_case_file(user=cast.customer_user, contact=contact(motive, kind=CaseKind.OPERATION))
    assert refused.value.code == IntakeError.KIND_NOT_ALLOWED


def test_too_many_files_are_refused(cast: Cast, motive: Motive, web_route: ChannelRoute) -> None:
    uploads = tuple(Upload(name=f"{n}.pdf", content=PDF) for n in range(MAX_FILES + 1))
    with pytest.raises(PacteError) as refused:
        web_case_file(user=cast.customer_user, contact=contact(motive, uploads=uploads))
    assert refused.value.code == IntakeError.TOO_MANY_FILES
    assert not Attachment.objects.exists()


def test_a_refused_file_keeps_nothing(cast: Cast, motive: Motive, web_route: ChannelRoute) -> None:
    uploads = (Upload(name="a.pdf", content=PDF), Upload(name="empty.pdf", content=b""))
    with pytest.raises(PacteError) as refused:
        web_case_file(user=cast.customer_user, contact=contact(motive, uploads=uploads))
    assert refused.value.code == IntakeError.FILE_EMPTY
    assert not Attachment.objects.exists()
    assert not WebSubmission.objects.exists()
    assert not Case.objects.exists()


def test_without_route_the_web_intake_team_setting_is_used(cast: Cast, settings: Settings) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = "back"
    assert web_team() == cast.back


def test_the_route_wins_over_the_setting(
    cast: Cast, web_route: ChannelRoute, settings: Settings
) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = "back"
    assert web_team() == cast.front


def test_without_route_nor_setting_web_intake_is_closed(
    cast: Cast, motive: Motive, settings: Settings
) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = ""
    with pytest.raises(PacteError) as refused:
        web_case_file(user=cast.customer_user, contact=contact(motive))
    assert refused.value.code == IntakeError.NO_ROUTE
    with pytest.raises(PacteError):
        receive(motive)
    assert not WebSubmission.objects.exists()


def test_a_visitors_submission_waits_and_stores_only_the_tokens_hash(
    motive: Motive,
    web_route: ChannelRoute,
    frozen_now: datetime,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        submission, token = receive(motive)
    assert submission.status == SubmissionStatus.AWAITING_VERIFICATION
    assert submission.case is None
    assert submission.email == "jeanne.martin@example.test"
    assert submission.token_hash == token_digest(token) != token
    assert len(token) >= 40
    assert not WebSubmission.objects.filter(token_hash=token).exists()
    assert submission.attachments.count() == 1
    assert not Case.objects.exists()
    assert not Customer.objects.filter(email="jeanne.martin@example.test").exists()
    assert len(callbacks) == 1  # the email is enqueued on commit


def test_the_verification_email_carries_the_link(
    motive: Motive,
    web_route: ChannelRoute,
    frozen_now: datetime,
    django_capture_on_commit_callbacks,
    immediate_tasks: None,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _submission, token = receive(motive, language="en")
    (message,) = mail.outbox
    assert message.to == ["jeanne.martin@example.test"]
    assert link(token) in message.body
    assert "72 hours" in message.body
    assert "Facture trop élevée" in message.subject


def test_no_email_once_the_submission_is_verified(
    motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    submission, token = receive(motive)
    web_submission_verify(token=token)
    assert web_verification_send_task.call(submission.pk, link(token), "fr") is False
    assert mail.outbox == []


def test_following_the_link_opens_the_case_received_when_submitted(
    cast: Cast, motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    submission, token = receive(motive)
    # one day later, the visitor follows the link
    with time_machine.travel(frozen_now + timedelta(days=1), tick=False):
        verified = web_submission_verify(token=token)
    case = Case.objects.get(web_submission=verified)
    assert case.received_at == frozen_now == submission.submitted_at
    assert verified.verified_at == frozen_now + timedelta(days=1)
    assert verified.status == SubmissionStatus.RECEIVED
    customer = case.customer
    assert (customer.email, customer.first_name, customer.last_name) == (
        "jeanne.martin@example.test",
        "Jeanne",
        "Martin",
    )
    assert customer.phone == "+33611223344"
    assert (case.team, case.channel, case.kind) == (cast.front, Channel.WEB, CaseKind.COMPLAINT)
    assert list(Attachment.objects.filter(case=case)) == list(submission.attachments.all())


def test_a_known_address_files_for_that_customer(
    cast: Cast, motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    _submission, token = receive(motive, email=cast.customer.email)
    verified = web_submission_verify(token=token)
    assert verified.customer == cast.customer
    assert Customer.objects.filter(email=cast.customer.email).count() == 1


def test_a_second_click_opens_nothing_more(
    motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    _submission, token = receive(motive)
    first = web_submission_verify(token=token)
    second = web_submission_verify(token=token)
    assert second.case_id == first.case_id
    assert Case.objects.count() == 1
    assert CaseEvent.objects.count() == 1


def test_the_link_works_until_the_last_instant(
    motive: Motive, web_route: ChannelRoute, frozen_now: datetime, settings: Settings
) -> None:
    settings.PACTE_WEB_VERIFY_HOURS = 2
    _submission, token = receive(motive)
    with time_machine.travel(frozen_now + timedelta(hours=2), tick=False):
        assert web_submission_verify(token=token).status == SubmissionStatus.RECEIVED


def test_an_expired_link_opens_nothing(
    motive: Motive, web_route: ChannelRoute, frozen_now: datetime, settings: Settings
) -> None:
    settings.PACTE_WEB_VERIFY_HOURS = 2
    _submission, token = receive(motive)
    with time_machine.travel(frozen_now + timedelta(hours=2, seconds=1), tick=False):
        expired = web_submission_verify(token=token)
        # and clicking again still says so
        again = web_submission_verify(token=token)
    assert expired.status == again.status == SubmissionStatus.EXPIRED
    assert expired.case is None
    assert not Case.objects.exists()
    assert not Customer.objects.filter(email="jeanne.martin@example.test").exists()


@pytest.mark.parametrize("token", ["", "   ", "not-a-token", "x" * 43])
def test_an_unknown_token_is_refused(motive: Motive, web_route: ChannelRoute, token: str) -> None:
    receive(motive)
    with pytest.raises(PacteError) as refused:
        web_submission_verify(token=token)
    assert refused.value.code == IntakeError.LINK_UNKNOWN
    assert not Case.objects.exists()


def test_a_bad_address_is_refused(motive: Motive, web_route: ChannelRoute) -> None:
    with pytest.raises(PacteError) as refused:
        receive(motive, email="nobody")
    assert refused.value.code == IntakeError.BAD_ADDRESS
    assert not WebSubmission.objects.exists()


def test_disguised_html_is_kept_as_html(
    motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    upload = Upload(name="facture.pdf", content=HTML, declared_type="application/pdf")
    submission, _token = receive(motive, contact=contact(motive, uploads=(upload,)))
    (attachment,) = submission.attachments.all()
    assert attachment.content_type == "text/html"


def test_the_route_of_the_verification_day_receives_the_case(
    motive: Motive, web_route: ChannelRoute, frozen_now: datetime
) -> None:
    _submission, token = receive(motive)
    web_route.team = TeamFactory.create(code="web-desk")
    web_route.save()
    verified = web_submission_verify(token=token)
    assert verified.case is not None
    assert verified.case.team.code == "web-desk"
