"""Editing a scheme: in place on an unused draft, copy-on-write on anything results used."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Max

from pacte.commitments.catalogue import (
    access_version,
    scheme_versions,
    version_events,
    version_tree,
    version_used,
)
from pacte.commitments.editing import (
    commitment_edit,
    deadline_rule_edit,
    indicator_edit,
    requirement_add,
    requirement_edit,
    requirement_remove,
    version_activate,
)
from pacte.commitments.errors import CommitmentError, SchemeValidationError
from pacte.commitments.loader import scheme_dump
from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Indicator,
    Requirement,
    SchemeEvent,
    SchemeEventKind,
    SchemeVersion,
    TargetUnit,
    VersionStatus,
)
from pacte.commitments.selectors import rules_for_version
from pacte.commitments.services import scheme_version_activate, scheme_version_draft
from pacte.compliance.models import MonthClosing
from pacte.conftest import FROZEN_NOW, Cast
from pacte.core.errors import ForbiddenError, NotFoundError, PacteError

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(telecom: SchemeVersion) -> SchemeVersion:
    return scheme_version_draft(version=telecom)


def indicator(version: SchemeVersion, code: str) -> Indicator:
    return Indicator.objects.get(commitment__version=version, code=code)


def version_count() -> int:
    return SchemeVersion.objects.count()


def dump_without(version: SchemeVersion) -> dict[str, Any]:
    data = scheme_dump(version=version)
    del data["version"]
    return data


def close_month_with(version: SchemeVersion, cast: Cast) -> None:
    MonthClosing.objects.create(
        scheme=version.scheme,
        scheme_version=version,
        year=2026,
        month=2,
        closed_at=FROZEN_NOW,
        closed_by=cast.quality_manager,
        seal="0" * 64,
        results=[],
    )


# --- in place ---------------------------------------------------------------------------


def test_unused_draft_is_changed_in_place(cast, draft, frozen_now):
    # when
    outcome = indicator_edit(
        version=draft, code="T3.1-a", actor=cast.quality_manager, changes={"target": "97.5"}
    )
    # then
    assert outcome.version.pk == draft.pk
    assert not outcome.copied
    assert indicator(draft, "T3.1-a").target == Decimal("97.50")
    assert version_count() == 3
    (event,) = SchemeEvent.objects.filter(version=draft)
    assert (event.kind, event.subject, event.actor, event.at) == (
        SchemeEventKind.INDICATOR_CHANGED,
        "T3.1-a",
        cast.quality_manager,
        frozen_now,
    )
    assert event.details == {"fields": {"target": {"before": "95.00", "after": "97.50"}}}


def test_an_edit_that_changes_nothing_writes_nothing(cast, telecom):
    # when: the same target as now, on the active version
    outcome = indicator_edit(
        version=telecom, code="T3.1-a", actor=cast.quality_manager, changes={"target": "95"}
    )
    # then
    assert outcome.version.pk == telecom.pk
    assert outcome.changes == {}
    assert version_count() == 2
    assert not SchemeEvent.objects.exists()


# --- copy-on-write ----------------------------------------------------------------------


def test_editing_the_active_version_copies_it_into_a_new_draft(cast, telecom, frozen_now):
    # given
    before = dump_without(telecom)
    # when
    outcome = commitment_edit(
        version=telecom,
        code="T3.1",
        actor=cast.quality_manager,
        changes={"title_en": "Every request answered in time", "control_frequency": "weekly"},
    )
    # then: a new draft holds the change
    new = outcome.version
    assert (new.number, new.status, outcome.copied_from) == (2, VersionStatus.DRAFT, telecom)
    changed = Commitment.objects.get(version=new, code="T3.1")
    assert (changed.title_en, changed.control_frequency) == (
        "Every request answered in time",
        "weekly",
    )
    # and the version results used is untouched
    assert dump_without(telecom) == before
    # and the copy differs only by the change
    copy = dump_without(new)
    for data in (copy, before):
        for entry in data["commitments"]:
            if entry["code"] == "T3.1":
                entry["title_en"] = entry["control_frequency"] = "-"
    assert copy == before
    original = Commitment.objects.get(version=telecom, code="T3.1")
    kinds = list(SchemeEvent.objects.filter(version=new).values_list("kind", "subject", "details"))
    assert kinds == [
        (SchemeEventKind.DRAFTED, "v1", {"from_version": 1, "reason": "active"}),
        (
            SchemeEventKind.COMMITMENT_CHANGED,
            "T3.1",
            {
                "fields": {
                    "title_en": {
                        "before": original.title_en,
                        "after": "Every request answered in time",
                    },
                    "control_frequency": {"before": "daily", "after": "weekly"},
                }
            },
        ),
    ]


def test_editing_a_retired_version_copies_it(cast, telecom, draft):
    # given
    scheme_version_activate(version=draft)
    # when
    outcome = indicator_edit(
        version=telecom, code="T3.1-a", actor=cast.quality_manager, changes={"target": "90"}
    )
    # then
    assert outcome.version.number == 3
    assert outcome.copied_from == telecom
    assert indicator(telecom, "T3.1-a").target == Decimal("95.00")
    details = SchemeEvent.objects.get(kind=SchemeEventKind.DRAFTED).details
    assert details == {"from_version": 1, "reason": "retired"}


def test_a_draft_that_a_closing_used_is_copied(cast, draft):
    # given
    close_month_with(draft, cast)
    assert version_used(version=draft)
    # when
    outcome = requirement_edit(
        version=draft, code="T3.1-R1", actor=cast.quality_manager, changes={"text_en": "New"}
    )
    # then
    assert (outcome.version.number, outcome.copied_from) == (3, draft)
    assert Requirement.objects.get(commitment__version=draft, code="T3.1-R1").text_en != "New"
    assert Requirement.objects.get(commitment__version=outcome.version, code="T3.1-R1").text_en == (
        "New"
    )
    assert SchemeEvent.objects.get(kind=SchemeEventKind.DRAFTED).details["reason"] == "used"


def test_deadline_rule_edit_clears_the_rules_cache(cast, draft):
    # given: the draft's rules are cached
    cached = rules_for_version(version=draft)
    letter = [r for r in cached if r.commitment_code == "T3.1" and r.channel == "letter"]
    assert letter[0].delay_value == 5
    # when
    outcome = deadline_rule_edit(
        version=draft,
        commitment_code="T3.1",
        channel="letter",
        kind="request",
        actor=cast.quality_manager,
        changes={"delay_value": 4},
    )
    # then: read at once, not after the cache's 60 s
    assert outcome.version.pk == draft.pk
    rules = rules_for_version(version=draft)
    assert [r.delay_value for r in rules if r.commitment_code == "T3.1" and r.channel == "letter"]
    assert (
        next(
            r
            for r in rules
            if (r.commitment_code, r.channel, r.kind) == ("T3.1", "letter", "request")
        ).delay_value
        == 4
    )
    event = SchemeEvent.objects.get(kind=SchemeEventKind.DEADLINE_RULE_CHANGED)
    assert event.subject == "T3.1 letter/request"


def test_requirement_add_numbers_after_the_last(cast, draft):
    # when
    outcome = requirement_add(
        version=draft,
        commitment_code="T3.1",
        actor=cast.quality_manager,
        text_fr=" Un contrôle mensuel ",
        text_en="A monthly control",
    )
    # then
    codes = list(
        Requirement.objects.filter(commitment__version=draft, commitment__code="T3.1")
        .order_by("code")
        .values_list("code", "text_fr")
    )
    last = max(int(code.split("-R")[1]) for code, _ in codes[:-1] if code != codes[-1][0])
    added = Requirement.objects.get(commitment__version=draft, text_en="A monthly control")
    assert added.code == f"T3.1-R{last + 1}"
    assert added.text_fr == "Un contrôle mensuel"
    assert outcome.changes["text_en"] == {"before": None, "after": "A monthly control"}
    assert SchemeEvent.objects.get(kind=SchemeEventKind.REQUIREMENT_ADDED).subject == added.code


def test_requirement_remove_on_the_active_version_keeps_it_there(cast, telecom):
    # when
    outcome = requirement_remove(version=telecom, code="T3.1-R1", actor=cast.quality_manager)
    # then
    assert Requirement.objects.filter(commitment__version=telecom, code="T3.1-R1").exists()
    assert not Requirement.objects.filter(
        commitment__version=outcome.version, code="T3.1-R1"
    ).exists()
    event = SchemeEvent.objects.get(kind=SchemeEventKind.REQUIREMENT_REMOVED)
    assert event.details["fields"]["text_en"]["after"] is None
    assert event.details["fields"]["text_en"]["before"]


# --- validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "changes", "field"),
    [
        ("T3.1-a", {"target": "100.01"}, "target"),
        ("T3.1-a", {"target": "-1"}, "target"),
        ("T3.1-a", {"target": "abc"}, "target"),
        ("T3.1-a", {"title_en": "   "}, "title_en"),
        ("T3.1-a", {"period": "decade"}, "period"),
        ("T3.1-a", {"unit": "score"}, "target"),
        ("T5.1-a", {"target": "5.5"}, "target"),
        ("T1.1-a", {"target": "4.5"}, "target"),
    ],
)
def test_bad_indicator_values_are_refused_and_nothing_is_written(
    cast, telecom, code, changes, field
):
    # when
    with pytest.raises(SchemeValidationError) as caught:
        indicator_edit(version=telecom, code=code, actor=cast.quality_manager, changes=changes)
    # then
    assert caught.value.code == CommitmentError.INVALID_VALUE
    assert list(caught.value.errors) == [field]
    assert version_count() == 2
    assert not SchemeEvent.objects.exists()


def test_shipped_units_follow_the_referentiel():
    units = dict(
        Indicator.objects.filter(commitment__version__scheme__code="telecom-2004")
        .exclude(unit=TargetUnit.PERCENT)
        .values_list("code", "unit")
    )
    assert units == {"T1.1-a": "count", "T5.1-a": "score", "T5.1-b": "per_thousand"}


def test_a_score_target_fits_five(cast, telecom):
    outcome = indicator_edit(
        version=telecom, code="T5.1-a", actor=cast.quality_manager, changes={"target": "4.5"}
    )
    assert indicator(outcome.version, "T5.1-a").target == Decimal("4.50")


def test_owner_role_must_be_staff(cast, telecom):
    with pytest.raises(SchemeValidationError) as caught:
        commitment_edit(
            version=telecom,
            code="T3.1",
            actor=cast.quality_manager,
            changes={"owner_role": "customer"},
        )
    assert list(caught.value.errors) == ["owner_role"]


def test_the_computation_is_not_editable(cast, telecom):
    with pytest.raises(PacteError) as caught:
        indicator_edit(
            version=telecom,
            code="T3.1-a",
            actor=cast.quality_manager,
            changes={"computation": "anything"},
        )
    assert caught.value.code == CommitmentError.FIELD_NOT_EDITABLE
    assert version_count() == 2


def test_a_requirement_needs_both_texts(cast, telecom):
    with pytest.raises(SchemeValidationError) as caught:
        requirement_add(
            version=telecom,
            commitment_code="T3.1",
            actor=cast.quality_manager,
            text_fr="",
            text_en="x",
        )
    assert list(caught.value.errors) == ["text_fr"]
    assert version_count() == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda v, u: indicator_edit(version=v, code="T9.9-a", actor=u, changes={}),
        lambda v, u: requirement_remove(version=v, code="T9.9-R1", actor=u),
        lambda v, u: requirement_add(
            version=v, commitment_code="T9.9", actor=u, text_fr="a", text_en="b"
        ),
        lambda v, u: deadline_rule_edit(
            version=v, commitment_code="T3.1", channel="fax", kind="", actor=u, changes={}
        ),
    ],
)
def test_unknown_codes_are_not_found(cast, telecom, call):
    with pytest.raises(NotFoundError) as caught:
        call(telecom, cast.quality_manager)
    assert caught.value.code == CommitmentError.ITEM_NOT_FOUND
    assert version_count() == 2


# --- permissions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "error"),
    [
        ("supervisor", ForbiddenError),
        ("auditor", ForbiddenError),
        ("administrator", ForbiddenError),
        ("agent", NotFoundError),
        ("customer_user", NotFoundError),
        ("distributor_user", NotFoundError),
    ],
)
def test_only_the_quality_manager_edits(cast, telecom, draft, role, error):
    user = cast.by_role_name(role)
    calls = [
        lambda: indicator_edit(version=telecom, code="T3.1-a", actor=user, changes={"target": 1}),
        lambda: commitment_edit(version=draft, code="T3.1", actor=user, changes={"active": False}),
        lambda: requirement_remove(version=draft, code="T3.1-R1", actor=user),
        lambda: version_activate(version=draft, actor=user, valid_from=date(2026, 4, 1)),
    ]
    for call in calls:
        with pytest.raises(error):
            call()
    assert version_count() == 3
    assert not SchemeEvent.objects.exists()
    assert SchemeVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


@pytest.mark.parametrize(
    ("role", "reads"),
    [
        ("supervisor", True),
        ("quality_manager", True),
        ("auditor", True),
        ("administrator", True),
        ("agent", False),
        ("customer_user", False),
        ("distributor_user", False),
    ],
)
def test_who_reads_the_schemes(cast, role, reads):
    user = cast.by_role_name(role)
    if reads:
        assert [str(v) for v in scheme_versions(user=user)] == ["nf-x50-798 v1", "telecom-2004 v1"]
        assert access_version(user=user, scheme_code="telecom-2004", number=1).number == 1
    else:
        with pytest.raises(NotFoundError):
            scheme_versions(user=user)
        with pytest.raises(NotFoundError):
            access_version(user=user, scheme_code="telecom-2004", number=1)


# --- activation -------------------------------------------------------------------------


def test_activating_a_draft_sets_valid_from_and_retires_the_active(cast, telecom, draft):
    # when
    activated = version_activate(
        version=draft, actor=cast.quality_manager, valid_from=date(2026, 4, 1)
    )
    # then
    assert (activated.status, activated.valid_from) == (VersionStatus.ACTIVE, date(2026, 4, 1))
    assert SchemeVersion.objects.get(pk=telecom.pk).status == VersionStatus.RETIRED
    event = SchemeEvent.objects.get(version=draft)
    assert (event.kind, event.details) == (
        SchemeEventKind.ACTIVATED,
        {"valid_from": "2026-04-01", "retired_version": 1},
    )


def test_only_a_draft_is_activated(cast, telecom):
    with pytest.raises(PacteError) as caught:
        version_activate(version=telecom, actor=cast.quality_manager, valid_from=date(2026, 4, 1))
    assert caught.value.code == CommitmentError.NOT_A_DRAFT


# --- reads ------------------------------------------------------------------------------


def test_versions_say_whether_results_used_them(cast, telecom, draft):
    close_month_with(telecom, cast)
    used = {
        v.number: vars(v)["used"]
        for v in scheme_versions(user=cast.auditor)
        if v.scheme == telecom.scheme
    }
    assert used == {1: True, 2: False}


def test_unknown_version_is_not_found(cast):
    with pytest.raises(NotFoundError):
        access_version(user=cast.auditor, scheme_code="telecom-2004", number=9)


def test_tree_reads_the_whole_version_in_five_queries(telecom, django_assert_num_queries):
    with django_assert_num_queries(5):
        tree = version_tree(version=telecom)
        indicators = [
            i.code for branch in tree for c in branch.commitments for i in c.indicators.all()
        ]
    assert [branch.domain.number for branch in tree] == [1, 2, 3, 4, 5, 6]
    assert len(indicators) == 42


def test_history_lists_events_oldest_first(cast, telecom, frozen_now):
    outcome = indicator_edit(
        version=telecom, code="T3.1-a", actor=cast.quality_manager, changes={"target": "96"}
    )
    events = version_events(version=outcome.version)
    kinds = [e.kind for e in events]
    assert str(events[1]) == "indicator_changed T3.1-a at 2026-03-10 09:00"
    assert kinds == [SchemeEventKind.DRAFTED, SchemeEventKind.INDICATOR_CHANGED]
    assert SchemeVersion.objects.aggregate(last=Max("number"))["last"] == 2


def test_rules_unchanged_when_rule_edit_is_refused(cast, draft):
    with pytest.raises(SchemeValidationError):
        deadline_rule_edit(
            version=draft,
            commitment_code="T3.1",
            channel="letter",
            kind="request",
            actor=cast.quality_manager,
            changes={"delay_unit": "fortnights"},
        )
    assert DeadlineRule.objects.get(
        commitment__version=draft, commitment__code="T3.1", channel="letter", kind="request"
    ).delay_unit == ("business_days")
