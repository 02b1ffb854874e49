"""A complaint about a bill is a bill dispute with its own deadline (T5.2) on every
channel, out of the request and complaint deadlines (T3.1, T6.3); filed with its
invoice and disputed amount when given."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from pacte.cases.bills import BillDetails, amount_parse, bill_case_kind
from pacte.cases.errors import CaseError
from pacte.cases.models import Case, CaseEvent, EventKind, Motive
from pacte.conftest import Cast, paris
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory
from pacte.intake.contacts import Caller, LiveContact, contact_case_open
from pacte.intake.letters import Scan, Sender, letter_register
from pacte.intake.models import ChannelRoute
from pacte.intake.web import WebContact, web_case_file, web_submission_receive
from pacte.intake.web import web_submission_verify as verify
from pacte.mail.filing import inbound_parse
from pacte.mail.imap import Fetched
from pacte.mail.intake import inbound_store
from pacte.mail.models import Mailbox
from pacte.mail.tests.messages import email_bytes

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
# Tuesday 10 March 2026 + 5 business days: Tuesday 17 March, end of day (Paris).
T52_DUE = paris(2026, 3, 17, 23, 59, 59, 999999)


def assert_bill_dispute(case: Case) -> None:
    """The case is a bill dispute whose deadline in force is T5.2's, and only T5.2's."""
    case.refresh_from_db()
    assert case.kind == CaseKind.BILL_DISPUTE
    codes = list(case.clocks.values_list("commitment__code", flat=True))
    assert codes == ["T5.2"]  # neither T3.1 nor T6.3: bills are excepted from them
    assert case.due_at is not None
    assert case.clocks.get().due_at == case.due_at


def opened(case: Case) -> CaseEvent:
    return CaseEvent.objects.get(case=case, kind=EventKind.OPENED)


def test_on_the_web_form_as_a_logged_in_customer(
    cast: Cast, bill: Motive, frozen_now: datetime
) -> None:
    ChannelRoute.objects.create(channel=Channel.WEB, team=cast.front, motive=bill)
    contact = WebContact(
        kind=CaseKind.COMPLAINT,
        motive=bill,
        subject="Facture de février",
        description="Deux fois le forfait.",
        bill=BillDetails.parse(invoice="F-118", amount="19,99"),
    )
    case = web_case_file(user=cast.customer_user, contact=contact).case
    assert case is not None
    assert_bill_dispute(case)
    assert case.due_at == T52_DUE
    data = opened(case).data
    assert (data["invoice"], data["amount"], data["filed_as"]) == ("F-118", "19.99", "complaint")


def test_on_the_web_form_as_a_visitor_kept_until_verified(
    cast: Cast, bill: Motive, frozen_now: datetime
) -> None:
    ChannelRoute.objects.create(channel=Channel.WEB, team=cast.front, motive=bill)
    tokens: list[str] = []

    def link(token: str) -> str:
        tokens.append(token)
        return f"https://x.test/{token}"

    contact = WebContact(
        kind=CaseKind.COMPLAINT,
        motive=bill,
        subject="Facture",
        description="Trop élevée.",
        bill=BillDetails.parse(invoice="F-7", amount="3"),
    )
    web_submission_receive(
        name="Jeanne Martin",
        email="jeanne@example.test",
        phone="0611223344",
        contact=contact,
        verify_link=link,
        language="fr",
    )
    submission = verify(token=tokens[0])
    assert submission.case is not None
    assert_bill_dispute(submission.case)
    assert (opened(submission.case).data["invoice"], opened(submission.case).data["amount"]) == (
        "F-7",
        "3.00",
    )


def test_by_letter(cast: Cast, bill: Motive, frozen_now: datetime) -> None:
    letter = letter_register(
        received_on=date(2026, 3, 10),
        scan=Scan(name="lettre.pdf", content=PDF, declared_type="application/pdf"),
        sender=Sender(customer=cast.customer),
        kind=CaseKind.COMPLAINT,
        motive=bill,
        subject="Contestation de facture",
        team=cast.back,
        actor=cast.agent,
        bill=BillDetails.parse(invoice="F-9", amount="1 234,50"),
    )
    assert letter.case is not None
    assert_bill_dispute(letter.case)
    assert opened(letter.case).data["amount"] == "1234.50"


def test_by_email_on_a_route_that_files_bill_complaints(
    cast: Cast, bill: Motive, frozen_now: datetime
) -> None:
    ChannelRoute.objects.create(
        channel=Channel.EMAIL, team=cast.front, motive=bill, kind=CaseKind.COMPLAINT
    )
    mailbox = Mailbox.objects.create(name="box", host="h", username="u", password_env="P")
    inbound, _stored = inbound_store(
        mailbox=mailbox,
        uidvalidity=1,
        fetched=Fetched(uid=1, internaldate=paris(2026, 3, 10, 8), raw=email_bytes()),
    )
    inbound = inbound_parse(inbound_id=inbound.pk)
    assert inbound.case is not None
    assert_bill_dispute(inbound.case)


@pytest.mark.parametrize("kind", [CaseKind.COMPLAINT, CaseKind.BILL_DISPUTE])
def test_by_phone_on_new_contact(
    cast: Cast, bill: Motive, frozen_now: datetime, kind: CaseKind
) -> None:
    case = contact_case_open(
        actor=cast.agent,
        caller=Caller(customer=cast.customer),
        contact=LiveContact(
            channel=Channel.PHONE,
            kind=kind,
            motive=bill,
            subject="Facture contestée",
            bill=BillDetails.parse(invoice="F-1", amount="0"),
        ),
        team=cast.front,
    )
    assert_bill_dispute(case)
    assert opened(case).data["amount"] == "0.00"
    assert ("filed_as" in opened(case).data) == (kind == CaseKind.COMPLAINT)


def test_a_complaint_about_something_else_stays_a_complaint(
    cast: Cast, frozen_now: datetime
) -> None:
    plan = MotiveFactory.create(code="plan", billing=False)
    letter = letter_register(
        received_on=date(2026, 3, 10),
        scan=Scan(name="lettre.pdf", content=PDF, declared_type="application/pdf"),
        sender=Sender(customer=cast.customer),
        kind=CaseKind.COMPLAINT,
        motive=plan,
        subject="Réclamation",
        team=cast.back,
        actor=cast.agent,
        bill=BillDetails.parse(invoice="F-1", amount="2"),
    )
    case = letter.case
    assert case is not None
    assert case.kind == CaseKind.COMPLAINT
    assert list(case.clocks.values_list("commitment__code", flat=True)) == ["T6.3"]
    assert "invoice" not in opened(case).data  # kept for a bill dispute only


def test_a_request_about_a_bill_is_not_a_dispute() -> None:
    assert bill_case_kind(CaseKind.REQUEST, billing=True) == CaseKind.REQUEST
    assert bill_case_kind(CaseKind.COMPLAINT, billing=False) == CaseKind.COMPLAINT
    assert bill_case_kind(CaseKind.COMPLAINT, billing=True) == CaseKind.BILL_DISPUTE


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12.50", Decimal("12.50")),
        ("12,5", Decimal("12.50")),
        (" 1\u00a0234,00 ", Decimal("1234.00")),
        ("0", Decimal("0.00")),
        ("", None),
        (None, None),
    ],
)
def test_amounts_take_the_french_decimal_comma(typed: str | None, amount: Decimal | None) -> None:
    assert amount_parse(typed) == amount


@pytest.mark.parametrize("typed", ["-1", "12,505", "douze", "1e3x", "NaN", "Infinity", "1,2,3"])
def test_an_amount_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(PacteError) as refused:
        BillDetails.parse(invoice="F-1", amount=typed)
    assert refused.value.code == CaseError.AMOUNT_INVALID


def test_an_overlong_invoice_reference_is_refused() -> None:
    with pytest.raises(PacteError) as refused:
        BillDetails.parse(invoice="F" * 65)
    assert refused.value.code == CaseError.INVOICE_TOO_LONG
