"""motive_fact_set and the reads of motives' facts: roles, the change recorded, history."""

from __future__ import annotations

from datetime import datetime

import pytest

from pacte.cases.errors import CaseError
from pacte.cases.models import Motive, MotiveFact, MotiveFactChange
from pacte.cases.motive_facts import (
    access_motive,
    motive_fact_history,
    motive_fact_set,
    motives_with_history,
)
from pacte.conftest import Cast, paris
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError
from pacte.customers.errors import FactError
from pacte.factories import MotiveFactory

pytestmark = pytest.mark.django_db

ROLES = (
    "customer_user",
    "distributor_user",
    "agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "administrator",
)
EDITORS = {"quality_manager", "administrator"}
READERS = {"supervisor", "quality_manager", "auditor", "administrator"}


def rule_bill(motive: Motive, actor, **extra) -> MotiveFactChange:
    return motive_fact_set(
        motive=motive,
        fact=MotiveFact.BILLING,
        value=extra.pop("value", True),
        actor=actor,
        reason=extra.pop("reason", "Invoice copies are bill requests."),
        **extra,
    )


def test_bill_status_change_is_recorded_with_the_column(cast: Cast, frozen_now: datetime) -> None:
    # given a motive not about bills; when the quality manager rules it a bill one
    motive = MotiveFactory.create(code="invoice-copy")
    change = rule_bill(motive, cast.quality_manager, effective_at=paris(2026, 3, 1))
    # then the change is recorded, late, and the column follows
    assert (change.value, change.previous, change.late_recorded) == ("true", "false", True)
    assert (change.effective_at, change.recorded_at, change.actor) == (
        paris(2026, 3, 1),
        frozen_now,
        cast.quality_manager,
    )
    motive.refresh_from_db()
    assert motive.billing is True
    assert motive_fact_history(motive=motive) == [change]


@pytest.mark.parametrize("role", ROLES)
def test_only_quality_managers_and_administrators_change_a_motive(
    cast: Cast, frozen_now: datetime, role: str
) -> None:
    motive = MotiveFactory.create(code="invoice-copy")
    actor = cast.by_role_name(role)
    if role in EDITORS:
        assert rule_bill(motive, actor).actor == actor
        return
    with pytest.raises(ForbiddenError) as error:
        rule_bill(motive, actor)
    assert error.value.code == FactError.NOT_ALLOWED
    motive.refresh_from_db()
    assert (motive.billing, MotiveFactChange.objects.count()) == (False, 0)


def test_setting_the_bill_status_it_has_is_refused(cast: Cast, frozen_now: datetime) -> None:
    motive = MotiveFactory.create(code="bill", billing=True)
    with pytest.raises(PacteError) as error:
        rule_bill(motive, cast.administrator, value="true")
    assert error.value.code == FactError.UNCHANGED
    assert not MotiveFactChange.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_motives_facts_are_read_by_the_roles_that_see_every_case(cast: Cast, role: str) -> None:
    MotiveFactory.create(code="invoice-copy")
    user = cast.by_role_name(role)
    if role in READERS:
        assert access_motive(user=user, code="invoice-copy").code == "invoice-copy"
        return
    with pytest.raises(NotFoundError) as error:
        access_motive(user=user, code="invoice-copy")
    assert error.value.code == CaseError.MOTIVE_NOT_FOUND


def test_unknown_motive_is_not_found(cast: Cast) -> None:
    with pytest.raises(NotFoundError):
        access_motive(user=cast.administrator, code="nowhere")


def test_motives_are_listed_with_their_history_in_two_queries(
    cast: Cast, frozen_now: datetime, django_assert_num_queries
) -> None:
    # given two motives, one changed twice
    bill, plan = MotiveFactory.create(code="bill"), MotiveFactory.create(code="plan")
    first = rule_bill(bill, cast.quality_manager, effective_at=paris(2026, 3, 1))
    second = rule_bill(bill, cast.administrator, value=False, reason="Back to requests.")
    # then each motive comes with its changes, latest first
    with django_assert_num_queries(2):
        listed = motives_with_history()
    assert listed == [(bill, [second, first]), (plan, [])]
