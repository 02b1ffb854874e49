"""scheme_load: writes a version once, keeps it as it stands afterwards, refuses bad data."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from pacte.commitments.errors import CommitmentError
from pacte.commitments.loader import scheme_dump, scheme_load
from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Domain,
    Indicator,
    Requirement,
    Scheme,
    SchemeVersion,
    VersionStatus,
)
from pacte.commitments.schemedata import (
    ACTIVE,
    RETIRED,
    scheme_data_unload,
    scheme_file_read,
    scheme_models_from,
)
from pacte.core.errors import PacteError

pytestmark = pytest.mark.django_db

TABLES = (Scheme, SchemeVersion, Domain, Commitment, Requirement, Indicator, DeadlineRule)


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every commitments table, as plain values."""
    return {model.__name__: sorted(model.objects.values_list(), key=repr) for model in TABLES}


def test_status_constants_match_the_model():
    assert (ACTIVE, RETIRED) == (VersionStatus.ACTIVE, VersionStatus.RETIRED)


def test_load_writes_every_row(small_data):
    # when
    version = scheme_load(data=small_data)
    # then
    assert (version.scheme.code, version.number, version.status) == ("test-scheme", 1, "active")
    assert version.domains.count() == 2
    assert Requirement.objects.filter(commitment__version=version).count() == 1
    assert Indicator.objects.filter(commitment__version=version).count() == 1
    assert DeadlineRule.objects.filter(commitment__version=version).count() == 2
    assert version.commitments.get(code="X2").active is False
    assert scheme_dump(version=version) == small_data


def test_loading_twice_changes_nothing(small_data):
    # given
    first = scheme_load(data=small_data)
    rows = snapshot()
    # when
    second = scheme_load(data=small_data)
    # then
    assert second.pk == first.pk
    assert snapshot() == rows


def test_reloading_the_shipped_files_changes_nothing():
    # given
    rows = snapshot()
    # when
    for name in ("telecom-2004.json", "nf-x50-798.json"):
        scheme_load(data=scheme_file_read(name))
    # then
    assert snapshot() == rows


def test_reloading_keeps_edits_made_since(small_data):
    # given: an operator edited a target after the load
    version = scheme_load(data=small_data)
    Indicator.objects.filter(code="X1-a").update(target=90)
    small_data["scheme"]["title_en"] = "Renamed"
    # when
    scheme_load(data=small_data)
    # then
    assert Indicator.objects.get(code="X1-a").target == 90
    assert Scheme.objects.get(pk=version.scheme_id).title_en == "Test"


def test_loading_an_active_version_retires_the_active_one(small_data):
    # given
    first = scheme_load(data=small_data)
    small_data["version"]["number"] = 2
    # when
    second = scheme_load(data=small_data)
    # then
    first.refresh_from_db()
    assert (first.status, second.status) == (VersionStatus.RETIRED, VersionStatus.ACTIVE)
    assert second.scheme_id == first.scheme_id
    assert second.commitments.count() == 2


def test_loading_a_draft_keeps_the_active_version(small_data):
    # given
    first = scheme_load(data=small_data)
    small_data["version"].update(number=2, status="draft")
    # when
    scheme_load(data=small_data)
    # then
    first.refresh_from_db()
    assert first.status == VersionStatus.ACTIVE


def edit_missing_key(data: dict[str, Any]) -> None:
    del data["commitments"][0]["indicators"][0]["computation"]


def edit_bad_channel(data: dict[str, Any]) -> None:
    data["commitments"][0]["deadline_rules"][0]["channel"] = "fax"


def edit_unknown_domain(data: dict[str, Any]) -> None:
    data["commitments"][1]["domain"] = 9


def edit_no_version(data: dict[str, Any]) -> None:
    del data["version"]


def edit_bad_scheme_code(data: dict[str, Any]) -> None:
    data["scheme"]["code"] = "not a slug"


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (edit_missing_key, "commitments[X1].indicators[0]: missing key 'computation'"),
        (edit_bad_channel, "commitments[X1].deadline_rules[0]: channel:"),
        (edit_unknown_domain, "commitments[X2]: unknown domain 9"),
        (edit_no_version, "version: missing key 'version'"),
        (edit_bad_scheme_code, "scheme: code:"),
    ],
)
def test_invalid_data_is_refused_naming_the_entry_and_nothing_is_written(small_data, edit, where):
    # given
    rows = snapshot()
    edit(small_data)
    # when
    with pytest.raises(PacteError) as refused:
        scheme_load(data=small_data)
    # then
    assert refused.value.code == CommitmentError.INVALID_SCHEME_DATA
    assert refused.value.message.startswith(where)
    assert snapshot() == rows


def test_unload_deletes_the_version_then_the_bare_scheme(small_data):
    # given
    scheme_load(data=small_data)
    small_data["version"]["number"] = 2
    scheme_load(data=small_data)
    models = scheme_models_from(apps)
    # when
    scheme_data_unload(scheme_code="test-scheme", number=2, models=models)
    # then
    left = SchemeVersion.objects.filter(scheme__code="test-scheme")
    assert list(left.values_list("number", flat=True)) == [1]
    # when
    scheme_data_unload(scheme_code="test-scheme", number=1, models=models)
    # then
    assert not Scheme.objects.filter(code="test-scheme").exists()
    assert not Commitment.objects.filter(code__in=["X1", "X2"]).exists()
