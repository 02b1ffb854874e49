"""Load a commitment scheme version from its data dict, and dump one back to a dict.

The data format is the one of the files in ``data/`` (docs/commitment-schemes.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.apps import apps

from pacte.commitments.models import Commitment, SchemeVersion
from pacte.commitments.schemedata import (
    COMMITMENT_FIELDS,
    DOMAIN_FIELDS,
    INDICATOR_FIELDS,
    REQUIREMENT_FIELDS,
    RULE_FIELDS,
    SCHEME_FIELDS,
    scheme_data_load,
    scheme_models_from,
)


def scheme_load(*, data: Mapping[str, Any]) -> SchemeVersion:
    """Create the scheme version described by ``data``; return it.

    Idempotent: a scheme code and version number already loaded is returned unchanged.
    Loading an active version retires the previously active one. Runs in one
    transaction; raises PacteError(INVALID_SCHEME_DATA) naming the faulty entry.
    """
    return scheme_data_load(data=data, models=scheme_models_from(apps))


def _pick(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in fields}


def scheme_dump(*, version: SchemeVersion) -> dict[str, Any]:
    """The data dict of ``version``, in the format ``scheme_load`` reads (a query per table)."""
    commitments = version.commitments.select_related("domain").prefetch_related(
        "requirements", "indicators", "deadline_rules"
    )
    return {
        "scheme": _pick(version.scheme, SCHEME_FIELDS),
        "version": {
            "number": version.number,
            "status": version.status,
            "valid_from": version.valid_from.isoformat() if version.valid_from else None,
            "notes": version.notes,
        },
        "domains": [_pick(domain, DOMAIN_FIELDS) for domain in version.domains.all()],
        "commitments": [_commitment_dump(commitment) for commitment in commitments],
    }


def _commitment_dump(commitment: Commitment) -> dict[str, Any]:
    indicators = [
        {**_pick(indicator, INDICATOR_FIELDS), "target": str(indicator.target)}
        for indicator in commitment.indicators.all()
    ]
    return {
        "code": commitment.code,
        "domain": commitment.domain.number,
        **_pick(commitment, COMMITMENT_FIELDS[1:]),
        "requirements": [_pick(row, REQUIREMENT_FIELDS) for row in commitment.requirements.all()],
        "indicators": indicators,
        "deadline_rules": [_pick(row, RULE_FIELDS) for row in commitment.deadline_rules.all()],
    }
