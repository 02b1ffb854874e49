"""The mediator notice is part of its scheme version: copied with a draft, not a use of it."""

from __future__ import annotations

import pytest

from pacte.commitments.catalogue import version_used
from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.commitments.services import scheme_version_draft
from pacte.complaints.models import MediatorNotice

pytestmark = pytest.mark.django_db


def active(code: str) -> SchemeVersion:
    return SchemeVersion.objects.get(scheme__code=code, status=VersionStatus.ACTIVE)


@pytest.mark.parametrize("code", ["telecom-2004", "nf-x50-798"])
def test_a_draft_copy_carries_the_mediator_notice(code: str) -> None:
    # given
    source = active(code)
    notice = MediatorNotice.objects.get(version=source)
    # when
    draft = scheme_version_draft(version=source)
    # then
    copied = MediatorNotice.objects.get(version=draft)
    assert copied.pk != notice.pk
    fields = ("name", "postal_address", "website", "conditions_fr", "conditions_en")
    assert [getattr(copied, f) for f in fields] == [getattr(notice, f) for f in fields]
    assert MediatorNotice.objects.get(pk=notice.pk).version_id == source.pk


def test_a_notice_is_not_a_use_of_its_version() -> None:
    # given: a fresh draft has its notice and nothing else points at it
    draft = scheme_version_draft(version=active("telecom-2004"))
    assert MediatorNotice.objects.filter(version=draft).exists()
    # then
    assert version_used(version=draft) is False
