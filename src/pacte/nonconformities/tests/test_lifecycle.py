"""Cause, corrective actions, effectiveness checks from a later month's clocks, closing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pacte.conftest import paris
from pacte.core.append_only import AppendOnlyError
from pacte.core.errors import ForbiddenError, PacteError
from pacte.nonconformities.errors import NonConformityConflictError, NonConformityError
from pacte.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    EventKind,
    FiguresSource,
    NonConformityEvent,
    Status,
)
from pacte.nonconformities.raising import nonconformity_raise_audit_finding
from pacte.nonconformities.selectors import nonconformity_list, overdue_actions
from pacte.nonconformities.services import (
    corrective_action_cancel,
    corrective_action_complete,
    corrective_action_plan,
    nonconformity_check,
    nonconformity_close,
    nonconformity_record_cause,
)
from pacte.nonconformities.tests.conftest import (
    AFTER_APRIL,
    AFTER_MARCH,
    build_month,
    planned,
    raise_march,
)

MID_APRIL = paris(2026, 4, 21, 10)


@pytest.fixture
def march(cast, version):
    """A raised missed-target non-conformity for T3.1-a in March (1 in 3 in time)."""
    build_month(cast, 3, passed=1, failed=2)
    return raise_march(cast, version)


def kinds(nonconformity):
    return list(
        NonConformityEvent.objects.filter(nonconformity=nonconformity).values_list(
            "kind", flat=True
        )
    )


def test_whole_lifecycle_effective_from_aprils_clocks(cast, march):
    # given a cause, an action owned by the supervisor, to be checked on April
    action = planned(cast, march)
    assert march.status == Status.ACTION_PLANNED
    # when the supervisor completes it in April
    corrective_action_complete(action=action, actor=cast.supervisor, now=MID_APRIL, note="Hired.")
    march.refresh_from_db()
    assert march.status == Status.ACTION_DONE
    # and April's requests are all answered in time
    build_month(cast, 4, passed=4, failed=0)
    # then the check, once April is over, is computed effective with April's figures
    check = nonconformity_check(nonconformity=march, actor=cast.quality_manager, now=AFTER_APRIL)
    assert (check.year, check.month, check.effective) == (2026, 4, True)
    assert (check.numerator, check.denominator, check.rate) == (4, 4, Decimal("100.00"))
    assert check.figures_source == FiguresSource.LIVE
    action.refresh_from_db()
    assert action.effectiveness_check == check
    march.refresh_from_db()
    assert march.status == Status.EFFECTIVE
    # and the quality manager closes it
    nonconformity_close(nonconformity=march, actor=cast.quality_manager, now=AFTER_APRIL)
    march.refresh_from_db()
    assert (march.status, march.closed_at) == (Status.CLOSED, AFTER_APRIL)
    assert kinds(march) == [
        EventKind.RAISED,
        EventKind.CAUSE_RECORDED,
        EventKind.ACTION_PLANNED,
        EventKind.ACTION_COMPLETED,
        EventKind.CHECKED,
        EventKind.CLOSED,
    ]
    checked = NonConformityEvent.objects.get(nonconformity=march, kind=EventKind.CHECKED)
    assert checked.details["effective"] is True
    assert checked.details["rate"] == "100.00"


def test_failing_check_reopens_for_a_new_action(cast, march):
    action = planned(cast, march)
    corrective_action_complete(action=action, actor=cast.quality_manager, now=MID_APRIL)
    # April is no better: 1 in 2 in time
    build_month(cast, 4, passed=1, failed=1)
    check = nonconformity_check(nonconformity=march, actor=cast.quality_manager, now=AFTER_APRIL)
    assert (check.effective, check.rate) == (False, Decimal("50.00"))
    march.refresh_from_db()
    assert march.status == Status.NOT_EFFECTIVE
    # closing is refused; a new action can be planned, to be checked on May
    with pytest.raises(NonConformityConflictError):
        nonconformity_close(nonconformity=march, actor=cast.quality_manager, now=AFTER_APRIL)
    second = planned(cast, march, now=AFTER_APRIL, due_on=date(2026, 5, 20), check=(2026, 5))
    march.refresh_from_db()
    assert (march.status, second.check_label) == (Status.ACTION_PLANNED, "2026-05")


def test_check_refused_before_the_check_month_is_over(cast, march):
    action = planned(cast, march)
    corrective_action_complete(action=action, actor=cast.supervisor, now=MID_APRIL)
    with pytest.raises(NonConformityConflictError) as refused:
        nonconformity_check(nonconformity=march, actor=cast.quality_manager, now=MID_APRIL)
    assert refused.value.code == NonConformityError.CHECK_MONTH_NOT_ENDED
    march.refresh_from_db()
    assert march.status == Status.ACTION_DONE
    assert not march.checks.exists()


def test_check_refused_when_the_check_month_has_no_data(cast, march):
    action = planned(cast, march)
    corrective_action_complete(action=action, actor=cast.supervisor, now=MID_APRIL)
    with pytest.raises(PacteError) as refused:
        nonconformity_check(nonconformity=march, actor=cast.quality_manager, now=AFTER_APRIL)
    assert refused.value.code == NonConformityError.NO_DATA


def test_check_refused_while_an_action_is_still_planned(cast, march):
    planned(cast, march)
    with pytest.raises(NonConformityConflictError) as refused:
        nonconformity_check(nonconformity=march, actor=cast.quality_manager, now=AFTER_APRIL)
    assert refused.value.code == NonConformityError.WRONG_STATUS


def test_audit_finding_check_needs_a_verdict_and_a_note(cast, version):
    finding = nonconformity_raise_audit_finding(
        scheme_version=version,
        commitment_code="T3.3",
        year=2026,
        month=3,
        title="Hand-off notes too short",
        description="Sampled hand-offs carry one-word notes.",
        actor=cast.auditor,
        now=AFTER_MARCH,
    )
    action = planned(cast, finding)
    corrective_action_complete(action=action, actor=cast.supervisor, now=MID_APRIL)
    with pytest.raises(PacteError) as refused:
        nonconformity_check(nonconformity=finding, actor=cast.quality_manager, now=AFTER_APRIL)
    assert refused.value.code == NonConformityError.VERDICT_REQUIRED
    check = nonconformity_check(
        nonconformity=finding,
        actor=cast.quality_manager,
        now=AFTER_APRIL,
        effective=False,
        note="Re-sampled 20 hand-offs: 6 still one word.",
    )
    assert (check.effective, check.rate, check.figures_source) == (False, None, "")
    finding.refresh_from_db()
    assert finding.status == Status.NOT_EFFECTIVE


def test_the_check_month_is_the_latest_of_the_done_actions(cast, march):
    first = planned(cast, march)
    second = planned(cast, march, due_on=date(2026, 5, 10), check=(2026, 5))
    corrective_action_complete(action=first, actor=cast.supervisor, now=MID_APRIL)
    march.refresh_from_db()
    assert march.status == Status.ACTION_PLANNED  # one action still planned
    corrective_action_complete(action=second, actor=cast.supervisor, now=MID_APRIL)
    build_month(cast, 4, passed=2, failed=0)
    # April is over but May (the second action's check month) is not
    with pytest.raises(NonConformityConflictError):
        nonconformity_check(nonconformity=march, actor=cast.quality_manager, now=AFTER_APRIL)
    build_month(cast, 5, passed=2, failed=0)
    check = nonconformity_check(
        nonconformity=march, actor=cast.quality_manager, now=paris(2026, 6, 2, 9)
    )
    assert check.label == "2026-05"
    assert set(check.actions.all()) == {first, second}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"check": (2026, 3)}, NonConformityError.CHECK_MONTH_TOO_EARLY),
        ({"check": (2025, 12)}, NonConformityError.CHECK_MONTH_TOO_EARLY),
        ({"due_on": date(2026, 4, 1)}, NonConformityError.DUE_IN_PAST),
    ],
)
def test_plan_refusals(cast, march, changes, code):
    with pytest.raises(PacteError) as refused:
        planned(cast, march, **changes)
    assert refused.value.code == code
    assert not CorrectiveAction.objects.exists()


@pytest.mark.parametrize("owner", ["agent", "auditor", "administrator"])
def test_owner_must_be_a_supervisor_or_quality_manager(cast, march, owner):
    nonconformity_record_cause(
        nonconformity=march, cause="Short-staffed.", actor=cast.quality_manager, now=AFTER_MARCH
    )
    with pytest.raises(PacteError) as refused:
        corrective_action_plan(
            nonconformity=march,
            description="Do better.",
            owner=cast.by_role_name(owner),
            due_on=date(2026, 4, 20),
            check_year=2026,
            check_month=4,
            actor=cast.quality_manager,
            now=AFTER_MARCH,
        )
    assert refused.value.code == NonConformityError.OWNER_NOT_ALLOWED


def test_plan_refused_before_a_cause_is_recorded(cast, march):
    with pytest.raises(NonConformityConflictError) as refused:
        corrective_action_plan(
            nonconformity=march,
            description="Do better.",
            owner=cast.supervisor,
            due_on=date(2026, 4, 20),
            check_year=2026,
            check_month=4,
            actor=cast.quality_manager,
            now=AFTER_MARCH,
        )
    assert refused.value.code == NonConformityError.WRONG_STATUS


def test_empty_cause_is_refused(cast, march):
    with pytest.raises(PacteError) as refused:
        nonconformity_record_cause(
            nonconformity=march, cause="  ", actor=cast.quality_manager, now=AFTER_MARCH
        )
    assert refused.value.code == NonConformityError.TEXT_REQUIRED
    assert kinds(march) == [EventKind.RAISED]


@pytest.mark.parametrize("role", ["auditor", "supervisor", "administrator"])
def test_only_the_quality_manager_records_plans_checks_and_closes(cast, march, role):
    actor = cast.by_role_name(role)
    with pytest.raises(ForbiddenError):
        nonconformity_record_cause(nonconformity=march, cause="x", actor=actor, now=AFTER_MARCH)
    with pytest.raises(ForbiddenError):
        nonconformity_check(nonconformity=march, actor=actor, now=AFTER_APRIL)
    with pytest.raises(ForbiddenError):
        nonconformity_close(nonconformity=march, actor=actor, now=AFTER_APRIL)
    assert kinds(march) == [EventKind.RAISED]


def test_another_supervisor_may_not_complete_the_action(cast, march):
    from pacte.core.roles import Role
    from pacte.factories import UserFactory

    action = planned(cast, march)
    other = UserFactory.create(username="other-supervisor", role=Role.SUPERVISOR)
    with pytest.raises(ForbiddenError) as refused:
        corrective_action_complete(action=action, actor=other, now=MID_APRIL)
    assert refused.value.code == NonConformityError.NOT_ACTION_OWNER
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED


def test_completing_twice_is_refused(cast, march):
    action = planned(cast, march)
    corrective_action_complete(action=action, actor=cast.supervisor, now=MID_APRIL)
    with pytest.raises(NonConformityConflictError) as refused:
        corrective_action_complete(action=action, actor=cast.quality_manager, now=MID_APRIL)
    assert refused.value.code == NonConformityError.ACTION_NOT_PLANNED
    assert kinds(march).count(EventKind.ACTION_COMPLETED) == 1


def test_overdue_actions_are_planned_ones_due_before_today(cast, march):
    late = planned(cast, march, due_on=date(2026, 4, 10))
    on_time = planned(cast, march, due_on=date(2026, 4, 30))
    done = planned(cast, march, due_on=date(2026, 4, 5))
    corrective_action_complete(action=done, actor=cast.supervisor, now=paris(2026, 4, 4, 9))
    today = date(2026, 4, 21)
    assert list(overdue_actions(today=today)) == [late]
    assert on_time not in overdue_actions(today=date(2026, 4, 30))
    (row,) = nonconformity_list(user=cast.auditor, today=today, overdue_only=True)
    assert (row.pk, row.overdue_count, row.next_due) == (march.pk, 1, date(2026, 4, 10))  # type: ignore[attr-defined]


def test_events_are_append_only(cast, march):
    event = NonConformityEvent.objects.get(nonconformity=march)
    with pytest.raises(AppendOnlyError):
        NonConformityEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_cancelling_the_only_action_goes_back_to_cause_analysed(cast, march):
    action = planned(cast, march)
    corrective_action_cancel(
        action=action, actor=cast.quality_manager, now=AFTER_MARCH, reason="Wrong owner."
    )
    action.refresh_from_db()
    march.refresh_from_db()
    assert (action.status, action.done_at) == (ActionStatus.CANCELLED, None)
    assert march.status == Status.CAUSE_ANALYSED
    cancelled = NonConformityEvent.objects.get(nonconformity=march, kind=EventKind.ACTION_CANCELLED)
    assert (cancelled.note, cancelled.details["action"]) == ("Wrong owner.", action.pk)


def test_cancelling_the_last_planned_action_leaves_the_done_one_to_check(cast, march):
    done = planned(cast, march)
    other = planned(cast, march)
    corrective_action_complete(action=done, actor=cast.supervisor, now=MID_APRIL)
    corrective_action_cancel(
        action=other, actor=cast.quality_manager, now=MID_APRIL, reason="Not needed."
    )
    march.refresh_from_db()
    assert march.status == Status.ACTION_DONE
    with pytest.raises(NonConformityConflictError):
        corrective_action_cancel(
            action=other, actor=cast.quality_manager, now=MID_APRIL, reason="Again."
        )


def test_cancel_needs_the_quality_manager_and_a_reason(cast, march):
    action = planned(cast, march)
    with pytest.raises(ForbiddenError):
        corrective_action_cancel(action=action, actor=cast.supervisor, now=MID_APRIL, reason="x")
    with pytest.raises(PacteError) as refused:
        corrective_action_cancel(
            action=action, actor=cast.quality_manager, now=MID_APRIL, reason=" "
        )
    assert refused.value.code == NonConformityError.TEXT_REQUIRED
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
