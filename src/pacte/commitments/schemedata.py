"""A scheme version as a data dict, written as rows through whichever model classes are given.

The data migration passes the historical models (``apps.get_model``), the loader the
current ones, so this module never imports the models at run time. It reads only the
keys it names, so a data file may carry more than a given model state knows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction

from pacte.commitments.errors import CommitmentError
from pacte.core.errors import PacteError

if TYPE_CHECKING:
    from django.apps.registry import Apps

    from pacte.commitments.models import (
        Commitment,
        DeadlineRule,
        Domain,
        Indicator,
        Requirement,
        Scheme,
        SchemeVersion,
    )

DATA_DIR = Path(__file__).resolve().parent / "data"

# VersionStatus values, repeated here so that this module needs no model at run time.
ACTIVE = "active"
RETIRED = "retired"

SCHEME_FIELDS = ("code", "title_fr", "title_en")
VERSION_FIELDS = ("number", "status", "valid_from", "notes")
DOMAIN_FIELDS = ("number", "title_fr", "title_en")
COMMITMENT_FIELDS = ("code", "title_fr", "title_en", "owner_role", "control_frequency", "active")
REQUIREMENT_FIELDS = ("code", "text_fr", "text_en")
INDICATOR_FIELDS = (
    "code",
    "computation",
    "title_fr",
    "title_en",
    "population",
    "success_rule",
    "period",
    "target",
    "target_is_maximum",
    "unit",
)
RULE_FIELDS = (
    "channel",
    "kind",
    "exclude_billing",
    "fraud_victim_only",
    "delay_value",
    "delay_unit",
)

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class SchemeModels:
    """The model classes a scheme is written through: current or historical."""

    scheme: type[Scheme]
    version: type[SchemeVersion]
    domain: type[Domain]
    commitment: type[Commitment]
    requirement: type[Requirement]
    indicator: type[Indicator]
    deadline_rule: type[DeadlineRule]


def scheme_models_from(apps: Apps) -> SchemeModels:
    """The commitments models of an app registry (``django.apps.apps`` or a migration's)."""

    def get(name: str) -> Any:
        return apps.get_model("commitments", name)

    return SchemeModels(
        scheme=get("Scheme"),
        version=get("SchemeVersion"),
        domain=get("Domain"),
        commitment=get("Commitment"),
        requirement=get("Requirement"),
        indicator=get("Indicator"),
        deadline_rule=get("DeadlineRule"),
    )


def scheme_file_read(name: str) -> dict[str, Any]:
    """The data dict of a scheme file shipped in ``data/`` (``"telecom-2004.json"``)."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return cast("dict[str, Any]", json.load(handle))


def _invalid(where: str, detail: str) -> PacteError:
    return PacteError(CommitmentError.INVALID_SCHEME_DATA, f"{where}: {detail}")


def _get(data: Mapping[str, Any], key: str, where: str) -> Any:
    try:
        return data[key]
    except KeyError:
        raise _invalid(where, f"missing key {key!r}") from None


def _row(
    model: type[M], where: str, data: Mapping[str, Any], fields: tuple[str, ...], **parents: Any
) -> M:
    """Build, validate (fields only; the database checks uniqueness) and save one row.

    Fields the model does not have are skipped: migration 0002 writes through a
    historical model that predates later fields (``Indicator.unit``, added in 0003).
    """
    known = {field.name for field in model._meta.get_fields()}
    values = {name: _get(data, name, where) for name in fields if name in known}
    row = model(**values, **parents)
    try:
        row.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        details = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
        raise _invalid(where, details) from None
    row.save()
    return row


def scheme_data_load(*, data: Mapping[str, Any], models: SchemeModels) -> SchemeVersion:
    """Write a scheme version and everything under it; return the version.

    Idempotent: if the scheme already has a version of that number, nothing is written
    and that version is returned as it stands (edits made since are kept). Loading an
    active version retires the scheme's version active until then. One transaction;
    PacteError(INVALID_SCHEME_DATA) names the faulty entry and nothing is written.
    """
    with transaction.atomic():
        scheme_data = _get(data, "scheme", "scheme")
        version_data = _get(data, "version", "version")
        scheme = models.scheme.objects.filter(code=_get(scheme_data, "code", "scheme")).first()
        if scheme is None:
            scheme = _row(models.scheme, "scheme", scheme_data, SCHEME_FIELDS)
        number = _get(version_data, "number", "version")
        existing = models.version.objects.filter(scheme=scheme, number=number).first()
        if existing is not None:
            return existing
        if version_data.get("status") == ACTIVE:
            models.version.objects.filter(scheme=scheme, status=ACTIVE).update(status=RETIRED)
        version = _row(models.version, "version", version_data, VERSION_FIELDS, scheme=scheme)
        domains = {
            domain.number: domain
            for domain in (
                _row(models.domain, f"domains[{index}]", entry, DOMAIN_FIELDS, version=version)
                for index, entry in enumerate(_get(data, "domains", "scheme"))
            )
        }
        for entry in _get(data, "commitments", "scheme"):
            _commitment_load(entry, version=version, domains=domains, models=models)
        return version


def _commitment_load(
    data: Mapping[str, Any],
    *,
    version: SchemeVersion,
    domains: Mapping[int, Domain],
    models: SchemeModels,
) -> None:
    where = f"commitments[{data.get('code', '?')}]"
    domain_number = _get(data, "domain", where)
    if domain_number not in domains:
        raise _invalid(where, f"unknown domain {domain_number!r}")
    commitment = _row(
        models.commitment,
        where,
        data,
        COMMITMENT_FIELDS,
        version=version,
        domain=domains[domain_number],
    )
    children = (
        ("requirements", models.requirement, REQUIREMENT_FIELDS),
        ("indicators", models.indicator, INDICATOR_FIELDS),
        ("deadline_rules", models.deadline_rule, RULE_FIELDS),
    )
    for key, model, fields in children:
        for index, entry in enumerate(_get(data, key, where)):
            _row(model, f"{where}.{key}[{index}]", entry, fields, commitment=commitment)


def scheme_data_unload(*, scheme_code: str, number: int, models: SchemeModels) -> None:
    """Delete one version of a scheme with everything under it, then the scheme if bare.

    Raises ProtectedError if cases still point at the scheme or its commitments.
    """
    with transaction.atomic():
        models.version.objects.filter(scheme__code=scheme_code, number=number).delete()
        models.scheme.objects.filter(code=scheme_code, versions__isnull=True).delete()


DEFAULT_SCHEME_FILES = ("telecom-2004.json", "nf-x50-798.json")
_RULE_FIELDS = ("exclude_billing", "fraud_victim_only", "delay_value", "delay_unit")


def _default_versions(apps: Apps) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each default scheme file's data with its loaded version (if there is one)."""
    version_model = apps.get_model("commitments", "SchemeVersion")
    for name in DEFAULT_SCHEME_FILES:
        data = scheme_file_read(name)
        version = version_model.objects.filter(
            scheme__code=data["scheme"]["code"], number=data["version"]["number"]
        ).first()
        if version is not None:
            yield data, version


def default_rules_add(apps: Apps, kinds: tuple[str, ...]) -> None:
    """Add to the default scheme versions their files' deadline rules of ``kinds`` (the
    case kinds added after 0002); rules already there are left as they are. For the
    data migrations that follow a new case kind."""
    commitment_model = apps.get_model("commitments", "Commitment")
    rule_model = apps.get_model("commitments", "DeadlineRule")
    for data, version in _default_versions(apps):
        for item in data["commitments"]:
            rules = [rule for rule in item["deadline_rules"] if rule["kind"] in kinds]
            commitment = commitment_model.objects.filter(version=version, code=item["code"]).first()
            if commitment is None:
                continue
            for rule in rules:
                rule_model.objects.get_or_create(
                    commitment=commitment,
                    channel=rule["channel"],
                    kind=rule["kind"],
                    defaults={name: rule[name] for name in _RULE_FIELDS},
                )


def default_rules_remove(apps: Apps, kinds: tuple[str, ...]) -> None:
    """Delete the default scheme versions' deadline rules of ``kinds`` (reversing)."""
    rule_model = apps.get_model("commitments", "DeadlineRule")
    for _data, version in _default_versions(apps):
        rule_model.objects.filter(commitment__version=version, kind__in=kinds).delete()
