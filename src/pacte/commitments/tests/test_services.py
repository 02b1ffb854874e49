"""Versioning: copy a version into a draft, then activate it in one step."""

from __future__ import annotations

import pytest

from pacte.commitments.loader import scheme_dump
from pacte.commitments.models import Indicator, SchemeVersion, VersionStatus
from pacte.commitments.selectors import active_version
from pacte.commitments.services import scheme_version_activate, scheme_version_draft

pytestmark = pytest.mark.django_db


def without_version(data):
    return {key: value for key, value in data.items() if key != "version"}


def test_draft_copies_everything_under_the_next_number(telecom):
    # when
    draft = scheme_version_draft(version=telecom)
    # then
    assert (draft.number, draft.status, draft.scheme_id) == (2, "draft", telecom.scheme_id)
    assert without_version(scheme_dump(version=draft)) == without_version(
        scheme_dump(version=telecom)
    )
    assert draft.notes == "Draft copied from version 1."
    assert active_version(scheme=telecom.scheme).pk == telecom.pk


def test_drafts_take_successive_numbers(telecom):
    first = scheme_version_draft(version=telecom)
    second = scheme_version_draft(version=telecom)
    assert (first.number, second.number) == (2, 3)


def test_activate_retires_the_active_version(telecom):
    # given a draft with an edited target
    draft = scheme_version_draft(version=telecom)
    Indicator.objects.filter(commitment__version=draft, code="T3.1-a").update(target=97)
    # when
    activated = scheme_version_activate(version=draft)
    # then
    assert activated.status == VersionStatus.ACTIVE
    assert SchemeVersion.objects.get(pk=telecom.pk).status == VersionStatus.RETIRED
    assert active_version(scheme=telecom.scheme).pk == draft.pk
    assert Indicator.objects.get(commitment__version=telecom, code="T3.1-a").target == 95


def test_activating_the_active_version_changes_nothing(telecom):
    scheme_version_activate(version=telecom)
    statuses = SchemeVersion.objects.values_list("scheme__code", "status")
    assert sorted(statuses) == [("nf-x50-798", "active"), ("telecom-2004", "active")]
