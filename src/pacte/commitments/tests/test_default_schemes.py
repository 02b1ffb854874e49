"""The two schemes the data migration ships: counts, shape, and the files round-trip."""

from __future__ import annotations

from decimal import Decimal
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from pacte.commitments.loader import scheme_dump
from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Indicator,
    Scheme,
    SchemeVersion,
    VersionStatus,
)
from pacte.commitments.schemedata import scheme_file_read
from pacte.core.vocabulary import WRITTEN_CHANNELS

pytestmark = pytest.mark.django_db

TELECOM_CODES = [
    *(f"T1.{n}" for n in range(1, 6)),
    "T2.1",
    "T2.2",
    "T3.1",
    "T3.2",
    "T3.3",
    *(f"T4.{n}" for n in range(1, 8)),
    "T5.1",
    "T5.2",
    *(f"T6.{n}" for n in range(1, 8)),
]
NF_SECTIONS = [
    "Access to the service",
    "Handling of the contact",
    "Processing of the request",
    "Conclusion of the contact",
    "Complaints handling",
    "Appeals handling",
    "Satisfaction measurement",
]


def version_of(code: str) -> SchemeVersion:
    return SchemeVersion.objects.get(scheme__code=code, number=1)


def test_both_schemes_ship_version_1_active():
    # when
    versions = SchemeVersion.objects.values_list("scheme__code", "number", "status")
    # then
    assert sorted(versions) == [
        ("nf-x50-798", 1, VersionStatus.ACTIVE),
        ("telecom-2004", 1, VersionStatus.ACTIVE),
    ]


def test_telecom_has_six_domains_and_the_26_commitments_of_the_table():
    version = version_of("telecom-2004")
    assert list(version.domains.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert list(version.commitments.values_list("code", flat=True)) == TELECOM_CODES
    assert version.commitments.filter(active=True).count() == 26


def test_telecom_commitment_codes_match_their_domain():
    for commitment in version_of("telecom-2004").commitments.select_related("domain"):
        assert commitment.code.startswith(f"T{commitment.domain.number}.")


@pytest.mark.parametrize("code", ["telecom-2004", "nf-x50-798"])
def test_every_commitment_has_an_indicator_a_requirement_and_both_titles(code):
    for commitment in version_of(code).commitments.prefetch_related("indicators", "requirements"):
        assert commitment.indicators.all(), commitment.code
        assert commitment.requirements.all(), commitment.code
        assert commitment.title_fr
        assert commitment.title_en
        for indicator in commitment.indicators.all():
            assert indicator.code.startswith(f"{commitment.code}-")


def test_telecom_indicators_follow_the_table():
    version = version_of("telecom-2004")
    indicators = Indicator.objects.filter(commitment__version=version)
    assert indicators.count() == 42
    t13 = indicators.filter(commitment__code="T1.3").values_list("target", flat=True)
    assert list(t13) == [Decimal(80), Decimal(100), Decimal(80)]
    false_positives = indicators.get(code="T4.2-b")
    assert false_positives.target == Decimal("5.00")
    assert false_positives.target_is_maximum
    assert indicators.get(code="T3.1-a").computation == "request_answered_in_time"
    assert list(indicators.filter(target_is_maximum=True).values_list("code", flat=True)) == [
        "T4.2-b"
    ]


def test_nf_has_its_seven_sections_plus_staff_competence():
    version = version_of("nf-x50-798")
    titles = list(version.domains.values_list("title_en", flat=True))
    assert titles == [*NF_SECTIONS, "Staff competence"]
    assert version.commitments.filter(domain__number=8).get().code == "N8.1"


def test_nf_maps_onto_the_telecom_indicator_computations():
    # given
    telecom = set(
        Indicator.objects.filter(commitment__version=version_of("telecom-2004")).values_list(
            "computation", flat=True
        )
    )
    nf = set(
        Indicator.objects.filter(commitment__version=version_of("nf-x50-798")).values_list(
            "computation", flat=True
        )
    )
    # then: only the conclusion criterion and staff competence are its own
    assert nf - telecom == {"evaluation_conclusion_met", "agent_competence_current"}


def test_telecom_deadline_rules():
    rules = DeadlineRule.objects.filter(commitment__version=version_of("telecom-2004"))
    t31 = {(r.channel, r.kind): r.delay_value for r in rules.filter(commitment__code="T3.1")}
    assert t31 == {
        (channel, kind): delay
        for channel, delay in {
            "phone": 0,
            "distributor_hotline": 0,
            "email": 2,
            "web": 2,
            "chat": 2,
            "letter": 5,
        }.items()
        for kind in ("information", "request")
    }
    assert all(r.exclude_billing for r in rules.filter(commitment__code__in=["T3.1", "T6.3"]))
    t63 = rules.filter(commitment__code="T6.3")
    assert {r.channel for r in t63} == set(WRITTEN_CHANNELS)
    assert {(r.kind, r.delay_value) for r in t63} == {("complaint", 5)}
    t52 = rules.get(commitment__code="T5.2")
    assert (t52.channel, t52.kind, t52.delay_value, t52.exclude_billing) == (
        "",
        "bill_dispute",
        5,
        False,
    )
    t62 = rules.get(commitment__code="T6.2")
    assert (t62.channel, t62.kind, t62.fraud_victim_only, t62.delay_value) == ("", "", True, 1)
    t67 = rules.get(commitment__code="T6.7")
    assert (t67.channel, t67.kind, t67.delay_value, t67.delay_unit) == (
        "",
        "mediation",
        1,
        "calendar_months",
    )
    t66 = rules.get(commitment__code="T6.6")
    assert (t66.channel, t66.kind, t66.delay_value, t66.delay_unit, t66.exclude_billing) == (
        "",
        "appeal",
        1,
        "calendar_months",
        False,
    )
    # the operations: SIM in 3 bd, restoration in 4 h and stolen phones in 1 h (24/7),
    # after-sales requests as T3.1's requests
    hours = {(r.commitment.code, r.kind, r.delay_value) for r in rules.filter(delay_unit="hours")}
    assert hours == {("T4.4", "restoration", 4), ("T6.4", "stolen_phone", 1)}
    t41 = rules.get(commitment__code="T4.1")
    assert (t41.kind, t41.delay_value, t41.delay_unit) == ("sim_order", 3, "business_days")
    t45 = {r.channel: r.delay_value for r in rules.filter(commitment__code="T4.5")}
    assert t45 == {channel: delay for (channel, kind), delay in t31.items() if kind == "request"}
    # the chain's calendar months and the operations' hours are the only rules not in
    # business days
    others = rules.exclude(pk__in=[t66.pk, t67.pk]).exclude(delay_unit="hours")
    assert set(others.values_list("delay_unit", flat=True)) == {"business_days"}


def test_nf_appeal_deadline_rule():
    rules = DeadlineRule.objects.filter(commitment__version=version_of("nf-x50-798"))
    n61 = rules.get(commitment__code="N6.1")
    assert (n61.channel, n61.kind, n61.delay_value, n61.delay_unit) == (
        "",
        "appeal",
        1,
        "calendar_months",
    )


@pytest.mark.parametrize(
    ("name", "code"), [("telecom-2004.json", "telecom-2004"), ("nf-x50-798.json", "nf-x50-798")]
)
def test_loaded_scheme_dumps_back_to_its_file(name, code, django_assert_num_queries):
    # given
    version = version_of(code)
    # when
    with django_assert_num_queries(6):
        dumped = scheme_dump(version=version)
    # then
    assert dumped == scheme_file_read(name)


def test_migration_reverses_and_reapplies_with_historical_models():
    # given
    migration = import_module("pacte.commitments.migrations.0002_default_schemes")
    state = MigrationLoader(connection).project_state(("commitments", "0002_default_schemes"))
    before = (Scheme.objects.count(), Commitment.objects.count(), DeadlineRule.objects.count())
    # the mediator notices depend on the versions: unapplied first, as migrate would
    notices = import_module("pacte.complaints.migrations.0002_default_mediator_notices")
    notices_state = MigrationLoader(connection).project_state(
        ("complaints", "0002_default_mediator_notices")
    )
    notices.delete_notices(notices_state.apps, None)
    # when
    migration.unload_default_schemes(state.apps, None)
    # then
    assert not Scheme.objects.exists()
    assert not SchemeVersion.objects.exists()
    # when
    migration.load_default_schemes(state.apps, None)
    # then: 0002 loads the rules of the kinds it knows; 0006 adds the complaint chain's,
    assert DeadlineRule.objects.count() == 35
    later = import_module("pacte.commitments.migrations.0006_chain_deadline_rules")
    later_state = MigrationLoader(connection).project_state(
        ("commitments", "0006_chain_deadline_rules")
    )
    later.add_chain_rules(later_state.apps, None)
    later.add_chain_rules(later_state.apps, None)  # again: changes nothing
    # and 0008 the operations' (SIM, restoration, stolen phones, after-sales)
    operations = import_module("pacte.commitments.migrations.0008_operation_deadline_rules")
    operations_state = MigrationLoader(connection).project_state(
        ("commitments", "0008_operation_deadline_rules")
    )
    operations.add_operation_rules(operations_state.apps, None)
    operations.add_operation_rules(operations_state.apps, None)  # again: changes nothing
    notices.create_notices(notices_state.apps, None)
    after = (Scheme.objects.count(), Commitment.objects.count(), DeadlineRule.objects.count())
    assert after == before == (2, 41, 48)
