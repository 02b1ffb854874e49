"""Writes to commitment schemes: start a new draft version, activate a version."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from pacte.commitments.loader import scheme_dump, scheme_load
from pacte.commitments.models import Scheme, SchemeVersion, VersionStatus


@transaction.atomic
def scheme_version_draft(*, version: SchemeVersion) -> SchemeVersion:
    """Copy ``version`` into a new draft version of its scheme, numbered after the last.

    Locks the scheme row, so that two copies never take the same number. The copy has
    every domain, commitment, requirement, indicator and deadline rule of ``version``.
    """
    scheme = Scheme.objects.select_for_update().get(pk=version.scheme_id)
    last = SchemeVersion.objects.filter(scheme=scheme).aggregate(last=Max("number"))["last"]
    data = scheme_dump(version=version)
    data["version"] = {
        "number": last + 1,
        "status": VersionStatus.DRAFT,
        "valid_from": None,
        "notes": f"Draft copied from version {version.number}.",
    }
    return scheme_load(data=data)


@transaction.atomic
def scheme_version_activate(*, version: SchemeVersion) -> SchemeVersion:
    """Make ``version`` its scheme's active version and retire the one active until then.

    Locks the scheme row, so that the scheme is never seen without an active version
    and two activations do not race. Changes only the two versions' status.
    """
    Scheme.objects.select_for_update().get(pk=version.scheme_id)
    others = SchemeVersion.objects.filter(scheme_id=version.scheme_id, status=VersionStatus.ACTIVE)
    others.exclude(pk=version.pk).update(status=VersionStatus.RETIRED)
    SchemeVersion.objects.filter(pk=version.pk).update(status=VersionStatus.ACTIVE)
    version.status = VersionStatus.ACTIVE
    return version
