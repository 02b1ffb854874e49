"""Assessing a bill dispute, recording its correction, and closing it (T5.2)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from pacte.cases.errors import CaseError
from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind
from pacte.cases.services import case_close, case_open, case_reopen
from pacte.complaints.disputes import correction_issue, dispute_assess, dispute_view
from pacte.complaints.errors import DisputeError
from pacte.conftest import Cast, paris
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory

pytestmark = pytest.mark.django_db


def events(case: Case, kind: EventKind) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case, kind=kind).order_by("pk"))


def assess(case: Case, cast: Cast, *, proven: object = True, **extra: object) -> CaseEvent:
    arguments: dict[str, object] = {
        "case": case,
        "actor": cast.agent,
        "proven": proven,
        "reason": "Le forfait a été facturé deux fois.",
    }
    arguments.update(extra)
    return dispute_assess(**arguments)  # type: ignore[arg-type]


def correct(case: Case, cast: Cast, **extra: object) -> CaseEvent:
    arguments: dict[str, object] = {
        "case": case,
        "actor": cast.agent,
        "amount": "42,50",
        "reference": "AV-2026-031",
        "issued_on": date(2026, 3, 10),
    }
    arguments.update(extra)
    return correction_issue(**arguments)  # type: ignore[arg-type]


def test_an_assessment_keeps_the_verdict_the_reason_and_the_filed_bill(
    cast: Cast, dispute: Case
) -> None:
    event = assess(dispute, cast)
    assert event.kind == EventKind.DISPUTE_ASSESSED
    assert event.body == "Le forfait a été facturé deux fois."
    assert event.data == {"proven": True, "invoice": "F-2026-02-118", "amount": "42.50"}
    assert event.actor == cast.agent


def test_an_assessment_may_correct_the_invoice_and_the_amount(cast: Cast, dispute: Case) -> None:
    event = assess(dispute, cast, proven=False, invoice="F-2026-02-119", amount="40,1")
    assert event.data == {"proven": False, "invoice": "F-2026-02-119", "amount": "40.10"}


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"reason": "  "}, DisputeError.REASON_REQUIRED),
        ({"amount": "-3"}, CaseError.AMOUNT_INVALID),
        ({"amount": "trois"}, CaseError.AMOUNT_INVALID),
    ],
)
def test_an_assessment_without_reason_or_with_a_bad_amount_is_refused(
    cast: Cast, dispute: Case, extra: dict[str, object], code: str
) -> None:
    with pytest.raises(PacteError) as refused:
        assess(dispute, cast, **extra)
    assert refused.value.code == code
    assert events(dispute, EventKind.DISPUTE_ASSESSED) == []


def test_a_dispute_filed_without_invoice_or_amount_needs_them_to_be_assessed(
    cast: Cast, frozen_now: datetime
) -> None:
    bare = case_open(
        customer=cast.customer,
        channel=Channel.PHONE,
        kind=CaseKind.BILL_DISPUTE,
        motive=MotiveFactory.create(code="bill", billing=True),
        subject="Facture",
        team=cast.front,
        actor=cast.agent,
    )
    with pytest.raises(PacteError) as refused:
        assess(bare, cast)
    assert refused.value.code == DisputeError.INVOICE_REQUIRED
    with pytest.raises(PacteError) as refused:
        assess(bare, cast, invoice="F-1")
    assert refused.value.code == DisputeError.AMOUNT_REQUIRED
    assert assess(bare, cast, invoice="F-1", amount="0").data["amount"] == "0.00"


def test_only_a_bill_dispute_is_assessed(cast: Cast, frozen_now: datetime) -> None:
    request = case_open(
        customer=cast.customer,
        channel=Channel.PHONE,
        kind=CaseKind.REQUEST,
        motive=MotiveFactory.create(code="plan"),
        subject="Forfait",
        team=cast.front,
        actor=cast.agent,
    )
    with pytest.raises(PacteError) as refused:
        assess(request, cast, invoice="F-1", amount="1")
    assert refused.value.code == DisputeError.NOT_A_DISPUTE
    with pytest.raises(PacteError) as refused:
        correct(request, cast)
    assert refused.value.code == DisputeError.NOT_A_DISPUTE


@pytest.mark.parametrize("role", ["auditor", "quality_manager", "customer_user"])
def test_roles_that_do_not_write_cases_may_not_assess_or_correct(
    cast: Cast, dispute: Case, role: str
) -> None:
    with pytest.raises(ForbiddenError):
        assess(dispute, cast, actor=cast.by_role_name(role))
    assess(dispute, cast)
    with pytest.raises(ForbiddenError):
        correct(dispute, cast, actor=cast.by_role_name(role))
    assert events(dispute, EventKind.CORRECTION_ISSUED) == []


def test_a_closed_dispute_is_neither_assessed_nor_corrected(cast: Cast, dispute: Case) -> None:
    assess(dispute, cast, proven=False)
    case_close(case=dispute, actor=cast.agent, reason="Not proven.")
    with pytest.raises(PacteError) as refused:
        assess(dispute, cast)
    assert refused.value.code == CaseError.CLOSED
    with pytest.raises(PacteError) as refused:
        correct(dispute, cast)
    assert refused.value.code == CaseError.CLOSED


def test_a_correction_is_recorded_for_a_proven_dispute(cast: Cast, dispute: Case) -> None:
    assess(dispute, cast)
    event = correct(dispute, cast)
    assert event.data == {"amount": "42.50", "reference": "AV-2026-031", "issued_on": "2026-03-10"}


def test_a_correction_needs_a_proven_assessment_in_force(cast: Cast, dispute: Case) -> None:
    with pytest.raises(PacteError) as refused:
        correct(dispute, cast)  # not assessed yet
    assert refused.value.code == DisputeError.NOT_PROVEN
    assess(dispute, cast, proven=True)
    assess(dispute, cast, proven=False)  # the latest assessment is the one in force
    with pytest.raises(PacteError) as refused:
        correct(dispute, cast)
    assert refused.value.code == DisputeError.NOT_PROVEN


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"amount": "0"}, DisputeError.CORRECTION_AMOUNT_NOT_POSITIVE),
        ({"amount": ""}, DisputeError.CORRECTION_AMOUNT_NOT_POSITIVE),
        ({"amount": "-5"}, CaseError.AMOUNT_INVALID),
        ({"reference": " "}, DisputeError.CORRECTION_REFERENCE_REQUIRED),
        ({"issued_on": date(2026, 3, 11)}, DisputeError.CORRECTION_IN_FUTURE),
    ],
)
def test_a_correction_with_a_bad_amount_reference_or_date_is_refused(
    cast: Cast, dispute: Case, extra: dict[str, object], code: str
) -> None:
    assess(dispute, cast)
    with pytest.raises(PacteError) as refused:
        correct(dispute, cast, **extra)
    assert refused.value.code == code
    assert events(dispute, EventKind.CORRECTION_ISSUED) == []


def test_today_is_the_site_calendar_day(cast: Cast, dispute: Case) -> None:
    assess(dispute, cast)
    # 23:30 UTC on 10 March is already 11 March in Paris: a correction of the 11th is today
    with time_machine.travel(paris(2026, 3, 11, 0, 30), tick=False):
        assert correct(dispute, cast, issued_on=date(2026, 3, 11)).data["issued_on"] == "2026-03-11"


def test_a_proven_dispute_without_correction_cannot_be_closed(cast: Cast, dispute: Case) -> None:
    assess(dispute, cast)
    with pytest.raises(PacteError) as refused:
        case_close(case=dispute, actor=cast.agent, reason="Done.")
    assert refused.value.code == CaseError.PROVEN_DISPUTE_NOT_CORRECTED
    dispute.refresh_from_db()
    assert dispute.status != CaseStatus.CLOSED
    assert events(dispute, EventKind.CLOSED) == []
    # once the correction is recorded it closes
    correct(dispute, cast)
    assert case_close(case=dispute, actor=cast.agent, reason="Credited.").status == (
        CaseStatus.CLOSED
    )


def test_a_dispute_not_proven_or_not_assessed_closes(cast: Cast, dispute: Case) -> None:
    assert case_close(case=dispute, actor=cast.agent).status == CaseStatus.CLOSED
    case_reopen(case=dispute, actor=cast.agent, reason="The customer wrote again.")
    assess(dispute, cast, proven=False)
    assert case_close(case=dispute, actor=cast.agent).status == CaseStatus.CLOSED


def test_a_reopened_proven_dispute_is_assessed_again_before_closing(
    cast: Cast, dispute: Case
) -> None:
    assess(dispute, cast, proven=False)
    case_close(case=dispute, actor=cast.agent)
    case_reopen(case=dispute, actor=cast.agent, reason="New proof from the customer.")
    assess(dispute, cast, proven=True)
    with pytest.raises(PacteError) as refused:
        case_close(case=dispute, actor=cast.agent)
    assert refused.value.code == CaseError.PROVEN_DISPUTE_NOT_CORRECTED


def test_the_view_shows_the_filed_bill_the_assessments_and_the_corrections(
    cast: Cast, dispute: Case
) -> None:
    view = dispute_view(case=dispute)
    assert view is not None
    assert (view.invoice, view.amount, view.proven, view.correction_owed) == (
        "F-2026-02-118",
        "42.50",
        None,
        False,
    )
    assess(dispute, cast, proven=False)
    assess(dispute, cast, proven=True)
    view = dispute_view(case=dispute)
    assert view is not None
    assert [event.data["proven"] for event in view.assessments] == [False, True]
    assert (view.proven, view.correction_owed) == (True, True)
    correct(dispute, cast)
    view = dispute_view(case=dispute)
    assert view is not None
    assert (len(view.corrections), view.correction_owed) == (1, False)


def test_no_view_for_a_case_that_is_not_a_dispute(cast: Cast, frozen_now: datetime) -> None:
    request = case_open(
        customer=cast.customer,
        channel=Channel.PHONE,
        kind=CaseKind.REQUEST,
        motive=MotiveFactory.create(code="plan"),
        subject="Forfait",
        team=cast.front,
        actor=cast.agent,
    )
    assert dispute_view(case=request) is None
