"""customer_fact_set: who may change which fact, when it takes effect, what it records."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import translation
from pytest_django import Settings

from pacte.conftest import Cast, paris
from pacte.core.append_only import AppendOnlyError
from pacte.core.errors import ForbiddenError, PacteError
from pacte.customers.errors import FactError
from pacte.customers.models import Customer, CustomerFact, CustomerFactChange, Segment
from pacte.customers.selectors import customer_fact_history
from pacte.customers.services import customer_fact_set
from pacte.factories import CustomerFactory

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
MAY_CHANGE = {
    CustomerFact.FRAUD_VICTIM: {"agent", "supervisor", "quality_manager", "administrator"},
    CustomerFact.SEGMENT: {"supervisor", "administrator"},
}
NEW_VALUE = {CustomerFact.FRAUD_VICTIM: True, CustomerFact.SEGMENT: Segment.PROFESSIONAL}


def flag(customer: Customer, actor, *, value: object = True, **extra) -> CustomerFactChange:
    return customer_fact_set(
        customer=customer,
        fact=CustomerFact.FRAUD_VICTIM,
        value=value,
        actor=actor,
        reason=extra.pop("reason", "Identity theft reported by phone."),
        **extra,
    )


def refused(error: pytest.ExceptionInfo[PacteError], code: FactError, customer: Customer) -> bool:
    """The refusal has ``code`` and nothing was written."""
    customer.refresh_from_db()
    unchanged = not customer.fraud_victim and customer.segment == Segment.CONSUMER
    return error.value.code == code and unchanged and not CustomerFactChange.objects.exists()


def test_flag_records_who_when_why_and_writes_the_column(cast: Cast, frozen_now: datetime) -> None:
    # given a customer who is not a fraud victim
    customer = CustomerFactory.create()
    # when an agent flags them
    change = flag(customer, cast.agent)
    # then the change is recorded, effective now, and the column says so
    assert (change.fact, change.value, change.previous) == ("fraud_victim", "true", "false")
    assert (change.effective_at, change.recorded_at) == (frozen_now, frozen_now)
    assert (change.actor, change.reason, change.late_recorded) == (
        cast.agent,
        "Identity theft reported by phone.",
        False,
    )
    customer.refresh_from_db()
    assert customer.fraud_victim is True
    assert customer_fact_history(customer=customer) == [change]


def test_segment_is_stored_as_its_code(cast: Cast, frozen_now: datetime) -> None:
    customer = CustomerFactory.create()
    change = customer_fact_set(
        customer=customer,
        fact=CustomerFact.SEGMENT,
        value="professional",
        actor=cast.supervisor,
        reason="Company account opened.",
    )
    customer.refresh_from_db()
    assert (change.value, change.previous, customer.segment) == (
        "professional",
        "consumer",
        Segment.PROFESSIONAL,
    )


@pytest.mark.parametrize("fact", list(CustomerFact))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_each_fact(
    cast: Cast, frozen_now: datetime, fact: CustomerFact, role: str
) -> None:
    customer = CustomerFactory.create()
    actor = cast.by_role_name(role)

    def change() -> CustomerFactChange:
        return customer_fact_set(
            customer=customer, fact=fact, value=NEW_VALUE[fact], actor=actor, reason="Checked."
        )

    if role in MAY_CHANGE[fact]:
        assert change().actor == actor
    else:
        with pytest.raises(ForbiddenError) as error:
            change()
        assert refused(error, FactError.NOT_ALLOWED, customer)


@pytest.mark.parametrize(
    ("value", "reason", "code"),
    [
        (False, "Checked.", FactError.UNCHANGED),
        ("maybe", "Checked.", FactError.INVALID_VALUE),
        (1, "Checked.", FactError.INVALID_VALUE),
        (True, "   ", FactError.REASON_REQUIRED),
    ],
)
def test_bad_changes_are_refused_and_write_nothing(
    cast: Cast, frozen_now: datetime, value: object, reason: str, code: FactError
) -> None:
    customer = CustomerFactory.create()
    with pytest.raises(PacteError) as error:
        flag(customer, cast.agent, value=value, reason=reason)
    assert refused(error, code, customer)


def test_unknown_segment_is_refused(cast: Cast, frozen_now: datetime) -> None:
    customer = CustomerFactory.create()
    with pytest.raises(PacteError) as error:
        customer_fact_set(
            customer=customer,
            fact=CustomerFact.SEGMENT,
            value="vip",
            actor=cast.administrator,
            reason="Checked.",
        )
    assert refused(error, FactError.INVALID_VALUE, customer)


def test_quality_manager_backdates_and_the_change_is_late_recorded(
    cast: Cast, frozen_now: datetime
) -> None:
    # given a customer; when the quality manager flags them from 1 February
    customer = CustomerFactory.create()
    change = flag(customer, cast.quality_manager, effective_at=paris(2026, 2, 1))
    # then the change takes effect then, recorded now and marked late-recorded
    assert (change.effective_at, change.recorded_at, change.late_recorded) == (
        paris(2026, 2, 1),
        frozen_now,
        True,
    )


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_other_roles_may_not_backdate(cast: Cast, frozen_now: datetime, role: str) -> None:
    customer = CustomerFactory.create()
    with pytest.raises(ForbiddenError) as error:
        flag(customer, cast.by_role_name(role), effective_at=frozen_now - timedelta(minutes=1))
    assert refused(error, FactError.BACKDATE_NOT_ALLOWED, customer)


def test_an_agent_may_give_now_as_the_effective_date(cast: Cast, frozen_now: datetime) -> None:
    change = flag(CustomerFactory.create(), cast.agent, effective_at=frozen_now)
    assert (change.effective_at, change.late_recorded) == (frozen_now, False)


@pytest.mark.parametrize(
    ("effective_at", "code"),
    [
        (paris(2026, 3, 10, 10, 0, 1), FactError.EFFECTIVE_IN_FUTURE),
        (paris(2026, 3, 10, 10) - timedelta(days=92, seconds=1), FactError.EFFECTIVE_TOO_OLD),
        (datetime(2026, 3, 1), FactError.NAIVE_DATETIME),  # noqa: DTZ001 - the case under test
    ],
)
def test_effective_dates_out_of_bounds_are_refused(
    cast: Cast, frozen_now: datetime, effective_at: datetime, code: FactError
) -> None:
    customer = CustomerFactory.create()
    with pytest.raises(PacteError) as error:
        flag(customer, cast.administrator, effective_at=effective_at)
    assert refused(error, code, customer)


def test_backdating_window_is_92_days_by_default(cast: Cast, frozen_now: datetime) -> None:
    change = flag(
        CustomerFactory.create(), cast.administrator, effective_at=frozen_now - timedelta(days=92)
    )
    assert change.late_recorded


def test_backdating_window_is_read_from_the_setting_at_call_time(
    cast: Cast, frozen_now: datetime, settings: Settings
) -> None:
    # given a window narrowed to 10 days after start-up
    settings.PACTE_FACT_BACKDATE_DAYS = 10
    customer = CustomerFactory.create()
    # when the quality manager dates a change 11 days back, then it is refused
    with translation.override("en"), pytest.raises(PacteError) as error:
        flag(customer, cast.quality_manager, effective_at=frozen_now - timedelta(days=11))
    assert refused(error, FactError.EFFECTIVE_TOO_OLD, customer)
    assert error.value.message == "A change may take effect at most 10 days back."


def test_a_change_cannot_take_effect_before_the_latest_one(
    cast: Cast, frozen_now: datetime
) -> None:
    # given a customer flagged with effect from 1 March
    customer = CustomerFactory.create()
    flag(customer, cast.quality_manager, effective_at=paris(2026, 3, 1))
    # when the flag is lifted with effect from 15 February, then it is refused
    with pytest.raises(PacteError) as error:
        flag(customer, cast.quality_manager, value=False, effective_at=paris(2026, 2, 15))
    assert error.value.code == FactError.EFFECTIVE_BEFORE_LAST_CHANGE
    customer.refresh_from_db()
    assert customer.fraud_victim is True
    assert CustomerFactChange.objects.count() == 1


def test_flag_then_lift_keeps_both_changes_in_order(cast: Cast, frozen_now: datetime) -> None:
    customer = CustomerFactory.create()
    first = flag(customer, cast.quality_manager, effective_at=paris(2026, 3, 1))
    second = flag(customer, cast.agent, value="false", reason="Flagged by mistake.")
    customer.refresh_from_db()
    assert customer.fraud_victim is False
    assert (second.value, second.previous) == ("false", "true")
    assert customer_fact_history(customer=customer) == [second, first]


def test_changes_are_append_only(cast: Cast, frozen_now: datetime) -> None:
    change = flag(CustomerFactory.create(), cast.agent)
    change.reason = "Rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        CustomerFactChange.objects.filter(pk=change.pk).update(reason="Rewritten")
    with pytest.raises(AppendOnlyError):
        change.delete()
