"""Dunning (T4.3): contact attempts, and a suspension refused until a contact with the
means to regularise is N days old, the refusal kept on the case."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from pacte.cases.models import CaseEvent, EventKind
from pacte.commitments.selectors import active_version
from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.customers.models import LineStatus
from pacte.factories import LineFactory
from pacte.operations.dunning import dunning_case_for, dunning_contact_record
from pacte.operations.errors import OperationError
from pacte.operations.models import LineEvent, OperationRules, UnpaidBill
from pacte.operations.suspension import (
    line_suspend_for_non_payment,
    suspension_allowed_many,
    suspensions_refused,
)

pytestmark = pytest.mark.django_db

CONTACT = paris(2026, 11, 2, 10, 0)


def unpaid_line(amount: str = "42.50"):
    line = LineFactory.create()
    UnpaidBill.objects.create(
        account=line.account,
        line=line,
        invoice=f"F-{line.pk}",
        amount=Decimal(amount),
        due_on=CONTACT.date(),
        reported_at=CONTACT - timedelta(days=20),
    )
    return line


def contact(case, actor, at=CONTACT, means=("pay_online", "payment_plan")):
    with time_machine.travel(at, tick=False):
        return dunning_contact_record(
            case=case,
            actor=actor,
            channel="phone",
            content="Two bills unpaid; pay online or ask for a plan.",
            regularisation_means=list(means),
        )


def test_a_contact_needs_content_and_means_and_the_dunning_case_is_one_per_line(cast):
    line = unpaid_line()
    with time_machine.travel(CONTACT, tick=False):
        case = dunning_case_for(line=line, actor=cast.agent)
        assert dunning_case_for(line=line, actor=cast.agent) == case
        for content, means, code in [
            (" ", ["shop"], OperationError.CONTACT_CONTENT_REQUIRED),
            ("Told", [], OperationError.MEANS_REQUIRED),
            ("Told", ["barter"], OperationError.MEANS_INVALID),
        ]:
            with pytest.raises(PacteError) as refused:
                dunning_contact_record(
                    case=case,
                    actor=cast.agent,
                    channel="phone",
                    content=content,
                    regularisation_means=means,
                )
            assert refused.value.code == code
        with pytest.raises(PacteError) as reader:
            dunning_contact_record(
                case=case, actor=cast.auditor, channel="phone", content="x", regularisation_means=[]
            )
        assert reader.value.code == OperationError.NOT_ALLOWED
    event = contact(case, cast.agent)
    assert event.kind == EventKind.DUNNING_CONTACT
    assert event.at == CONTACT
    assert event.data["means"] == ["pay_online", "payment_plan"]
    assert UnpaidBill.objects.get(line=line).case == case
    with pytest.raises(PacteError) as nothing:
        dunning_case_for(line=LineFactory.create(), actor=cast.agent)
    assert nothing.value.code == OperationError.NO_UNPAID_BILL


def test_suspension_refused_before_n_days_allowed_at_exactly_n_days(cast):
    line = unpaid_line()
    with time_machine.travel(CONTACT - timedelta(days=1), tick=False):
        case = dunning_case_for(line=line, actor=cast.agent)
        with pytest.raises(PacteError) as none_yet, translation.override("en"):
            line_suspend_for_non_payment(line=line, actor=cast.supervisor, reason="Unpaid")
    assert none_yet.value.code == OperationError.SUSPENSION_NO_CONTACT
    assert "T4.3" in none_yet.value.text
    contact(case, cast.agent)
    just_before = CONTACT + timedelta(days=8) - timedelta(seconds=1)
    with (
        time_machine.travel(just_before, tick=False),
        pytest.raises(PacteError) as early,
        translation.override("fr"),
    ):
        line_suspend_for_non_payment(case=case, actor=cast.supervisor, reason="Impayé")
    with translation.override("fr"):
        text = early.value.text
    assert early.value.code == OperationError.SUSPENSION_TOO_EARLY
    assert "T4.3" in text
    assert "mar.\u00a010\u00a0nov.\u00a02026, 10\u00a0h\u00a000" in text
    refusals = CaseEvent.objects.filter(case=case, kind=EventKind.SUSPENSION_REFUSED)
    assert refusals.count() == 2
    allowed_from = refusals.order_by("-pk")[0].data["allowed_from"]
    assert datetime.fromisoformat(allowed_from) == CONTACT + timedelta(days=8)
    assert not LineEvent.objects.filter(line=line).exists()
    with time_machine.travel(CONTACT + timedelta(days=8), tick=False):
        event = line_suspend_for_non_payment(case=case, actor=cast.supervisor, reason="Unpaid")
        assert suspensions_refused(start=CONTACT - timedelta(days=2), end=CONTACT).count() == 1
    assert event.kind == EventKind.LINE_SUSPENDED
    assert event.data["days"] == 8
    line.refresh_from_db()
    assert line.status == LineStatus.SUSPENDED
    change = LineEvent.objects.get(line=line)
    assert change.data == {"cause": "non_payment"}
    assert change.case == case


def test_an_agent_may_not_suspend_and_n_comes_from_the_scheme_version(cast):
    line = unpaid_line()
    with time_machine.travel(CONTACT, tick=False):
        case = dunning_case_for(line=line, actor=cast.agent)
        with pytest.raises(PacteError) as agent:
            line_suspend_for_non_payment(case=case, actor=cast.agent, reason="Unpaid")
    assert agent.value.code == OperationError.NOT_ALLOWED
    contact(case, cast.agent)
    OperationRules.objects.create(
        version=active_version(scheme=case.site.scheme), suspension_notice_days=3
    )
    later = CONTACT + timedelta(days=3)
    allowed = suspension_allowed_many([line, LineFactory.create().pk], later)
    assert allowed[line.pk].allowed
    assert allowed[line.pk].days == 3
    assert not suspension_allowed_many([line], later - timedelta(minutes=1))[line.pk].allowed


def test_a_contact_without_means_does_not_count(cast):
    line = unpaid_line()
    with time_machine.travel(CONTACT, tick=False):
        case = dunning_case_for(line=line, actor=cast.agent)
    from pacte.cases.services import _locked, _record

    with time_machine.travel(CONTACT, tick=False):
        _record(_locked(case), kind=EventKind.DUNNING_CONTACT, actor=None, data={"means": []})
    assert not suspension_allowed_many([line], CONTACT + timedelta(days=30))[line.pk].allowed
