"""The active version, its rules (one query, then cached), a commitment by code."""

from __future__ import annotations

import pytest

from pacte.commitments import selectors
from pacte.commitments.errors import CommitmentError
from pacte.commitments.loader import scheme_load
from pacte.commitments.models import Commitment, DeadlineRule, SchemeVersion, VersionStatus
from pacte.commitments.rules import RuleData
from pacte.commitments.selectors import (
    active_version,
    commitment_by_code,
    rules_cache_clear,
    rules_for_version,
)
from pacte.core.errors import NotFoundError, PacteError

pytestmark = pytest.mark.django_db


def test_active_version_of_a_scheme(telecom, django_assert_num_queries):
    # when
    with django_assert_num_queries(1):
        version = active_version(scheme=telecom.scheme)
        # then: the scheme is not fetched again
        assert str(version) == "telecom-2004 v1"
    assert version.pk == telecom.pk


def test_a_scheme_without_active_version_is_a_configuration_error(telecom):
    # given
    SchemeVersion.objects.filter(pk=telecom.pk).update(status=VersionStatus.RETIRED)
    # when
    with pytest.raises(PacteError) as refused:
        active_version(scheme=telecom.scheme)
    # then
    assert refused.value.code == CommitmentError.NO_ACTIVE_VERSION


def test_rules_for_version_reads_one_query(telecom, django_assert_num_queries):
    # when
    with django_assert_num_queries(1):
        rules = rules_for_version(version=telecom)
    # then
    # T6.6's appeal, T6.7's mediation rules and the operations' (T4.1, T4.4, T4.5 x 6,
    # T6.4) included
    assert len(rules) == 28
    assert [rule.commitment_code for rule in rules][:3] == ["T3.1", "T3.1", "T3.1"]
    fraud = next(rule for rule in rules if rule.commitment_code == "T6.2")
    assert fraud == RuleData(
        commitment_id=fraud.commitment_id,
        commitment_code="T6.2",
        channel="",
        kind="",
        exclude_billing=False,
        fraud_victim_only=True,
        delay_value=1,
        delay_unit="business_days",
    )
    assert Commitment.objects.get(pk=fraud.commitment_id).code == "T6.2"


def test_rules_of_inactive_commitments_are_left_out(small_data):
    # given: X2 is loaded inactive
    version = scheme_load(data=small_data)
    # when
    rules = rules_for_version(version=version)
    # then
    assert [rule.commitment_code for rule in rules] == ["X1"]


def test_rules_are_served_from_the_cache(telecom, django_assert_num_queries):
    # given
    first = rules_for_version(version=telecom)
    first.clear()
    # when
    with django_assert_num_queries(0):
        again = rules_for_version(version=telecom)
    # then: the caller's list was its own
    assert len(again) == 28


@pytest.mark.parametrize("write", ["save_rule", "delete_rule", "save_commitment"])
def test_a_write_clears_the_cache(telecom, write):
    # given
    rules_for_version(version=telecom)
    rule = DeadlineRule.objects.get(commitment__version=telecom, commitment__code="T6.2")
    # when
    if write == "save_rule":
        rule.delay_value = 2
        rule.save()
    elif write == "delete_rule":
        rule.delete()
    else:
        rule.commitment.active = False
        rule.commitment.save()
    # then
    t62 = [r.delay_value for r in rules_for_version(version=telecom) if r.commitment_code == "T6.2"]
    assert t62 == ([2] if write == "save_rule" else [])


def test_the_cache_expires(telecom, monkeypatch, django_assert_num_queries):
    # given
    clock = iter([100.0, 100.0 + selectors.RULES_CACHE_SECONDS - 1, 100.0 + 61])
    monkeypatch.setattr(selectors, "_ticks", lambda: next(clock))
    rules_for_version(version=telecom)
    # then: fresh, then stale
    with django_assert_num_queries(0):
        rules_for_version(version=telecom)
    with django_assert_num_queries(1):
        rules_for_version(version=telecom)


def test_the_cache_can_be_cleared(telecom, django_assert_num_queries):
    rules_for_version(version=telecom)
    rules_cache_clear()
    with django_assert_num_queries(1):
        rules_for_version(version=telecom)


def test_real_ticks_are_monotonic():
    assert selectors._ticks() <= selectors._ticks()


def test_commitment_by_code(telecom, django_assert_num_queries):
    with django_assert_num_queries(1):
        commitment = commitment_by_code(version=telecom, code="T6.3")
        assert commitment.domain.number == 6


def test_commitment_by_code_unknown(telecom):
    with pytest.raises(NotFoundError) as refused:
        commitment_by_code(version=telecom, code="T9.9")
    assert refused.value.code == CommitmentError.COMMITMENT_NOT_FOUND
