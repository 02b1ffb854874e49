"""Raising non-conformities: figures of the month, refusals, one per missed target."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pacte.compliance.closing import month_close
from pacte.compliance.models import MonthClosing
from pacte.conftest import paris
from pacte.core.errors import ForbiddenError, PacteError
from pacte.nonconformities.errors import NonConformityConflictError, NonConformityError
from pacte.nonconformities.models import (
    EventKind,
    FiguresSource,
    NonConformity,
    NonConformityEvent,
    Source,
    Status,
)
from pacte.nonconformities.raising import (
    nonconformity_raise_audit_finding,
    nonconformity_raise_missed_target,
)
from pacte.nonconformities.selectors import missed_targets_without_nonconformity
from pacte.nonconformities.tests.conftest import AFTER_MARCH, INDICATOR, build_month, raise_march


def test_missed_target_is_raised_with_the_months_figures(cast, version):
    # given a March where one request in three was answered in time
    build_month(cast, 3, passed=1, failed=2)
    # when the quality manager raises a non-conformity for T3.1-a in March
    nonconformity = raise_march(cast, version)
    # then it carries the figures, a reference, and a "raised" event
    nonconformity.refresh_from_db()
    assert nonconformity.reference == "NC-2026-0001"
    assert (nonconformity.source, nonconformity.status) == (Source.MISSED_TARGET, Status.OPEN)
    assert (nonconformity.commitment_code, nonconformity.indicator_code) == ("T3.1", INDICATOR)
    assert (nonconformity.numerator, nonconformity.denominator) == (1, 3)
    assert nonconformity.rate == Decimal("33.33")
    assert nonconformity.target == Decimal("95.00")
    assert nonconformity.figures_source == FiguresSource.LIVE
    assert (nonconformity.year, nonconformity.month, nonconformity.label) == (2026, 3, "2026-03")
    assert nonconformity.raised_by == cast.quality_manager
    event = NonConformityEvent.objects.get(nonconformity=nonconformity)
    assert (event.kind, event.actor, event.at) == (
        EventKind.RAISED,
        cast.quality_manager,
        AFTER_MARCH,
    )
    assert event.details["rate"] == "33.33"


def test_references_are_numbered_per_year(cast, version):
    build_month(cast, 3, passed=1, failed=2)
    first = raise_march(cast, version)
    second = nonconformity_raise_audit_finding(
        scheme_version=version,
        commitment_code="T3.3",
        year=2026,
        month=3,
        title="Hand-off notes too short",
        description="Sampled hand-offs carry one-word notes.",
        actor=cast.auditor,
        now=AFTER_MARCH,
    )
    assert (first.reference, second.reference) == ("NC-2026-0001", "NC-2026-0002")


def test_raising_twice_is_refused_with_the_existing_reference(cast, version):
    build_month(cast, 3, passed=1, failed=2)
    first = raise_march(cast, version)
    with pytest.raises(NonConformityConflictError) as refused:
        raise_march(cast, version)
    assert refused.value.code == NonConformityError.ALREADY_RAISED
    assert refused.value.status_code == 409
    assert first.reference in refused.value.message
    assert NonConformity.objects.count() == 1


def test_met_target_is_refused(cast, version):
    build_month(cast, 3, passed=3, failed=0)
    with pytest.raises(PacteError) as refused:
        raise_march(cast, version)
    assert refused.value.code == NonConformityError.TARGET_MET
    assert not NonConformity.objects.exists()


def test_empty_population_is_refused_as_no_data(cast, version):
    with pytest.raises(PacteError) as refused:
        raise_march(cast, version)
    assert refused.value.code == NonConformityError.NO_DATA


def test_indicator_without_data_source_is_refused(cast, version):
    with pytest.raises(PacteError) as refused:
        nonconformity_raise_missed_target(
            scheme_version=version,
            indicator_code="T2.1-a",
            year=2026,
            month=3,
            actor=cast.quality_manager,
            now=AFTER_MARCH,
        )
    assert refused.value.code == NonConformityError.NO_DATA


def test_month_not_over_is_refused(cast, version):
    build_month(cast, 3, passed=1, failed=2)
    with pytest.raises(PacteError) as refused:
        raise_march(cast, version, now=paris(2026, 3, 31, 23, 59))
    assert refused.value.code == NonConformityError.MONTH_NOT_ENDED


def test_unknown_indicator_is_refused(cast, version):
    with pytest.raises(PacteError) as refused:
        nonconformity_raise_missed_target(
            scheme_version=version,
            indicator_code="X9",
            year=2026,
            month=3,
            actor=cast.quality_manager,
            now=AFTER_MARCH,
        )
    assert refused.value.code == NonConformityError.UNKNOWN_INDICATOR


@pytest.mark.parametrize("role", ["auditor", "supervisor", "administrator", "agent"])
def test_only_the_quality_manager_raises_a_missed_target(cast, version, role):
    build_month(cast, 3, passed=1, failed=2)
    with pytest.raises(ForbiddenError):
        nonconformity_raise_missed_target(
            scheme_version=version,
            indicator_code=INDICATOR,
            year=2026,
            month=3,
            actor=cast.by_role_name(role),
            now=AFTER_MARCH,
        )
    assert not NonConformity.objects.exists()


def test_closed_month_figures_come_from_the_snapshot(cast, version):
    # given a closed March whose snapshot says T3.1-a was at 33.33 %
    build_month(cast, 3, passed=1, failed=2)
    closing = month_close(
        scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=AFTER_MARCH
    )
    # (the snapshot is the reference: make it differ from what a recomputation gives)
    results = [dict(row) for row in closing.results]
    for row in results:
        if row["indicator_code"] == INDICATOR:
            row.update(numerator=2, denominator=10, rate="20.00")
    MonthClosing.objects.filter(pk=closing.pk).update(results=results)
    # when the non-conformity is raised
    nonconformity = raise_march(cast, version)
    # then its figures are the snapshot's
    assert (nonconformity.numerator, nonconformity.denominator) == (2, 10)
    assert nonconformity.rate == Decimal("20.00")
    assert nonconformity.figures_source == FiguresSource.CLOSING


def test_missed_targets_without_nonconformity_until_raised(cast, version):
    build_month(cast, 3, passed=1, failed=2)
    before = missed_targets_without_nonconformity(
        scheme_version=version, year=2026, month=3, now=AFTER_MARCH
    )
    assert [item.figures.indicator_code for item in before] == [INDICATOR]
    raise_march(cast, version)
    after = missed_targets_without_nonconformity(
        scheme_version=version, year=2026, month=3, now=AFTER_MARCH
    )
    assert after == []
    # an unfinished month lists none
    assert not missed_targets_without_nonconformity(
        scheme_version=version, year=2026, month=4, now=AFTER_MARCH
    )


@pytest.mark.parametrize("role", ["auditor", "quality_manager"])
def test_audit_finding_raised_by_auditor_or_quality_manager(cast, version, role):
    nonconformity = nonconformity_raise_audit_finding(
        scheme_version=version,
        commitment_code="T3.1",
        indicator_code=INDICATOR,
        year=2026,
        month=3,
        title="Letters registered late",
        description="The mail room registers letters a day after receipt.",
        actor=cast.by_role_name(role),
        now=paris(2026, 3, 20, 10),
    )
    assert (nonconformity.source, nonconformity.status) == (Source.AUDIT_FINDING, Status.OPEN)
    assert nonconformity.rate is None
    assert nonconformity.figures_source == ""
    assert NonConformityEvent.objects.filter(
        nonconformity=nonconformity, kind=EventKind.RAISED
    ).exists()


@pytest.mark.parametrize("role", ["supervisor", "administrator", "agent", "customer_user"])
def test_audit_finding_refused_to_other_roles(cast, version, role):
    with pytest.raises(ForbiddenError):
        nonconformity_raise_audit_finding(
            scheme_version=version,
            commitment_code="T3.1",
            year=2026,
            month=3,
            title="Finding",
            description="Something.",
            actor=cast.by_role_name(role),
            now=AFTER_MARCH,
        )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "  "}, NonConformityError.TEXT_REQUIRED),
        ({"description": ""}, NonConformityError.TEXT_REQUIRED),
        ({"commitment_code": "T9.9"}, NonConformityError.UNKNOWN_COMMITMENT),
        ({"indicator_code": "T1.1-a"}, NonConformityError.UNKNOWN_INDICATOR),
        ({"month": 5}, NonConformityError.MONTH_NOT_STARTED),
    ],
)
def test_audit_finding_refusals(cast, version, changes, code):
    arguments = {
        "scheme_version": version,
        "commitment_code": "T3.1",
        "year": 2026,
        "month": 3,
        "title": "Finding",
        "description": "Something.",
        "actor": cast.auditor,
        "now": AFTER_MARCH,
        **changes,
    }
    with pytest.raises(PacteError) as refused:
        nonconformity_raise_audit_finding(**arguments)
    assert refused.value.code == code
    assert not NonConformity.objects.exists()
