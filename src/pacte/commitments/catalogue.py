"""Reads of schemes for the people who maintain them: who may, which versions results
used, a version's whole tree and its history.

"Used" means that a row outside this app points at the version, at one of its
commitments or at one of its indicators: a month closing, a case clock, an evidence
pack, a non-conformity. The check finds those relations through the model registry,
so this app never imports the apps above it.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q

from pacte.commitments.errors import CommitmentError
from pacte.commitments.models import (
    Commitment,
    Domain,
    Indicator,
    SchemeEvent,
    SchemeVersion,
)
from pacte.core.errors import ForbiddenError, NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, require

# The models under a version that other apps may point at, and the path from each to it.
_USAGE_PATHS: tuple[tuple[type[models.Model], str], ...] = (
    (SchemeVersion, ""),
    (Commitment, "__version"),
    (Indicator, "__commitment__version"),
)


def require_reader(*, user: User) -> None:
    """NotFoundError for anyone who may not read the schemes (they do not exist for them)."""
    require(
        user, Action.SCHEME_READ, NotFoundError(CommitmentError.SCHEME_NOT_FOUND, "No such scheme.")
    )


def require_editor(*, user: User) -> None:
    """NotFoundError for non-readers, ForbiddenError for readers who are not the editor."""
    require_reader(user=user)
    refusal = ForbiddenError(
        CommitmentError.NOT_EDITOR, "Only the quality manager may change a scheme."
    )
    require(user, Action.SCHEME_EDIT, refusal)


def _usage_checks(version: Any) -> list[Exists]:
    checks = []
    for model, suffix in _USAGE_PATHS:
        for relation in model._meta.related_objects:
            related = relation.related_model
            if not isinstance(related, type) or related._meta.app_label == "commitments":
                continue
            if getattr(related, "describes_version", False):  # part of it, not a result
                continue
            lookup = f"{relation.field.name}{suffix}"
            checks.append(Exists(related._base_manager.filter(**{lookup: version})))
    return checks


def used_expression() -> ExpressionWrapper[Any]:
    """An annotation: whether anything outside the scheme points at the row's version."""
    checks = (Q(check) for check in _usage_checks(OuterRef("pk")))
    condition = reduce(operator.or_, checks, Q(pk__in=[]))
    return ExpressionWrapper(condition, output_field=BooleanField())


def version_used(*, version: SchemeVersion) -> bool:
    """Whether results (closings, clocks, packs, non-conformities) used ``version`` (one query)."""
    used = SchemeVersion.objects.filter(pk=version.pk).annotate(used=used_expression())
    return bool(used.values_list("used", flat=True).get())


def scheme_versions(*, user: User) -> list[SchemeVersion]:
    """Every version of every scheme, by scheme then newest first, annotated ``used``.

    One query. NotFoundError for users who may not read schemes.
    """
    require_reader(user=user)
    rows = (
        SchemeVersion.objects.select_related("scheme")
        .annotate(used=used_expression())
        .order_by("scheme__code", "-number")
    )
    return list(rows)


def access_version(*, user: User, scheme_code: str, number: int) -> SchemeVersion:
    """Version ``number`` of scheme ``scheme_code``, annotated ``used`` (one query).

    NotFoundError if it does not exist or the user may not read schemes.
    """
    require_reader(user=user)
    version = (
        SchemeVersion.objects.select_related("scheme")
        .annotate(used=used_expression())
        .filter(scheme__code=scheme_code, number=number)
        .first()
    )
    if version is None:
        raise NotFoundError(
            CommitmentError.SCHEME_NOT_FOUND, f"No version {number} of scheme {scheme_code}."
        )
    return version


@dataclass(frozen=True, slots=True)
class DomainBranch:
    domain: Domain
    commitments: list[Commitment]


def version_tree(*, version: SchemeVersion) -> list[DomainBranch]:
    """Domains, each with its commitments and their requirements, indicators and rules.

    Five queries whatever the size of the scheme (domains, commitments, and one per
    kind of child).
    """
    domains = list(version.domains.order_by("number"))
    commitments = (
        Commitment.objects.filter(version=version)
        .order_by("code")
        .prefetch_related(
            Prefetch("requirements"),
            Prefetch("indicators"),
            Prefetch("deadline_rules"),
        )
    )
    by_domain: dict[int, list[Commitment]] = {domain.pk: [] for domain in domains}
    for commitment in commitments:
        by_domain[commitment.domain_id].append(commitment)
    return [DomainBranch(domain, by_domain[domain.pk]) for domain in domains]


def version_events(*, version: SchemeVersion) -> list[SchemeEvent]:
    """The version's history, oldest first, with each actor (one query)."""
    return list(SchemeEvent.objects.filter(version=version).select_related("actor"))
