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
    every domain, commitment, requirement, indicator and deadline rule of ``version``,
    and what other apps keep as part of it (the mediator notice).
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
    draft = scheme_load(data=data)
    _version_content_copy(source=version, target=draft)
    return draft


def _version_content_copy(*, source: SchemeVersion, target: SchemeVersion) -> None:
    """Copy the rows other apps keep as part of a version (a model that says
    ``scheme_version_content = True``, e.g. the mediator notice) onto the new draft."""
    for relation in SchemeVersion._meta.related_objects:
        related = relation.related_model
        if not isinstance(related, type) or not getattr(related, "scheme_version_content", False):
            continue
        field = relation.field.name
        for row in related._base_manager.filter(**{field: source}):
            row.pk = None
            row._state.adding = True
            setattr(row, field, target)
            row.save()


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
