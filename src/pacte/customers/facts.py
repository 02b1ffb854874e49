"""What every fact that decides a clock shares: its text form, its timing, who may change it.

A fact (a customer's fraud-victim status or segment, a motive's bill status) is kept
in its owner's column and in an append-only log of changes, each effective from an
instant. The log stores values as text in one canonical form (``"true"``/``"false"``,
a choice's code); a ``FactKind`` says how a fact's values are parsed, written to the
column and shown. ``prepare_change`` applies the rules a change must pass, for the
services of every owner (``customers.services``, ``cases.motive_facts``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pacte.core.dates import when_text
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may, may_change_fact
from pacte.customers.errors import FactError
from pacte.customers.models import CustomerFact, Segment

TRUE = "true"
FALSE = "false"


@dataclass(frozen=True)
class FactKind:
    """How a fact's values are read (``parse``: raw input to canonical text, ValueError if
    not a value of the fact), written to and read from the owner's column, and shown."""

    parse: Callable[[object], str]
    to_column: Callable[[str], object]
    from_column: Callable[[object], str]
    describe: Callable[[str], str]
    choices: Callable[[], list[tuple[str, str]]]


def _parse_boolean(raw: object) -> str:
    if isinstance(raw, bool):
        return TRUE if raw else FALSE
    if isinstance(raw, str) and raw.strip().lower() in (TRUE, FALSE):
        return raw.strip().lower()
    raise ValueError(raw)


def _describe_boolean(text: str) -> str:
    return _("yes") if text == TRUE else _("no")


BOOLEAN = FactKind(
    parse=_parse_boolean,
    to_column=lambda text: text == TRUE,
    from_column=lambda value: TRUE if value else FALSE,
    describe=_describe_boolean,
    choices=lambda: [(TRUE, _("yes")), (FALSE, _("no"))],
)


def choice_kind(choices: type[models.TextChoices]) -> FactKind:
    """A fact whose values are the codes of ``choices`` (a segment)."""

    def parse(raw: object) -> str:
        if isinstance(raw, str) and raw.strip() in choices.values:
            return raw.strip()
        raise ValueError(raw)

    def describe(text: str) -> str:
        return str(choices(text).label) if text in choices.values else text

    return FactKind(
        parse=parse,
        to_column=str,
        from_column=str,
        describe=describe,
        choices=lambda: [(str(value), str(label)) for value, label in choices.choices],
    )


def backdate_days() -> int:
    """How far back a fact change may take effect (``PACTE_FACT_BACKDATE_DAYS``, 92)."""
    return int(settings.PACTE_FACT_BACKDATE_DAYS)


@dataclass(frozen=True)
class FactChange:
    """A change that passed every rule, ready to be recorded."""

    value: str
    previous: str
    effective_at: datetime
    late_recorded: bool
    reason: str


def _effective(*, actor: User, effective_at: datetime | None, now: datetime) -> datetime:
    if effective_at is None:
        return now
    if effective_at.tzinfo is None or effective_at.utcoffset() is None:
        raise PacteError(FactError.NAIVE_DATETIME, _("The effective date needs a time zone."))
    if effective_at > now:
        message = _("A fact cannot change in the future: give a past date.")
        raise PacteError(FactError.EFFECTIVE_IN_FUTURE, message)
    if effective_at == now:
        return now
    if not may(actor, Action.FACT_BACKDATE):
        raise ForbiddenError(
            FactError.BACKDATE_NOT_ALLOWED,
            _("Only a quality manager or an administrator may give a past effective date."),
        )
    days = backdate_days()
    if effective_at < now - timedelta(days=days):
        raise PacteError(
            FactError.EFFECTIVE_TOO_OLD,
            _("A change may take effect at most %(days)d days back.") % {"days": days},
            days=days,
        )
    return effective_at


def prepare_change(
    *,
    key: str,
    kind: FactKind,
    current: object,
    raw_value: object,
    actor: User,
    reason: str,
    effective_at: datetime | None,
    last_effective_at: datetime | None,
    now: datetime,
) -> FactChange:
    """Check a change of the fact ``key`` (``"customer.fraud_victim"``) and return it.

    ``current`` is the column's value, ``last_effective_at`` the effective instant of the
    fact's latest change (None if none), both read under the owner's row lock. Refuses
    (nothing is written): a role the permission table does not allow (ForbiddenError
    NOT_ALLOWED), a blank reason, a value that is not one of the fact's, the value the
    fact already has, an instant without a time zone or in the future, a past instant
    from a role that may not backdate (ForbiddenError) or older than ``backdate_days``,
    and an instant before the fact's latest change (the history stays in order).
    """
    if not may_change_fact(actor, key):
        raise ForbiddenError(FactError.NOT_ALLOWED, _("Your role may not change this fact."))
    if not reason.strip():
        raise PacteError(FactError.REASON_REQUIRED, _("Say why the fact changes."))
    try:
        value = kind.parse(raw_value)
    except ValueError:
        message = _("“%(value)s” is not a value of this fact.") % {"value": raw_value}
        raise PacteError(FactError.INVALID_VALUE, message, value=raw_value) from None
    previous = kind.from_column(current)
    if value == previous:
        raise PacteError(
            FactError.UNCHANGED,
            _("The fact is already “%(value)s”: nothing to change.")
            % {"value": kind.describe(value)},
            value=kind.describe(value),
        )
    instant = _effective(actor=actor, effective_at=effective_at, now=now)
    if last_effective_at is not None and instant < last_effective_at:
        zone = timezone.get_current_timezone()
        last = when_text(last_effective_at, get_language() or "fr", zone=zone)
        message = _(
            "The fact last changed with effect from %(last)s: a new change cannot take "
            "effect before."
        )
        raise PacteError(
            FactError.EFFECTIVE_BEFORE_LAST_CHANGE, message % {"last": last}, last=last
        )
    return FactChange(
        value=value,
        previous=previous,
        effective_at=instant,
        late_recorded=instant < now,
        reason=reason.strip(),
    )


# The customer's facts: the fact's code is also the name of the customer's column.
CUSTOMER_FACTS: dict[CustomerFact, FactKind] = {
    CustomerFact.FRAUD_VICTIM: BOOLEAN,
    CustomerFact.SEGMENT: choice_kind(Segment),
}


def fact_record(
    *,
    owner: models.Model,
    log: type[models.Model],
    owner_field: str,
    key: str,
    fact: str,
    kind: FactKind,
    value: object,
    actor: User,
    reason: str,
    effective_at: datetime | None,
    now: datetime,
) -> models.Model:
    """Change the fact ``fact`` of ``owner`` (a customer, a motive): the one write both
    fact services share. Locks the owner's row, checks the change (``prepare_change``),
    records one row of ``log`` (the owner's fact-change log, its foreign key named
    ``owner_field``) and writes the owner's column, in the caller's transaction."""
    model = type(owner)
    locked = model._default_manager.select_for_update().get(pk=owner.pk)
    last = (
        log._default_manager.filter(**{owner_field: locked, "fact": fact})
        .order_by("-effective_at", "-pk")
        .values_list("effective_at", flat=True)
        .first()
    )
    change = prepare_change(
        key=key,
        kind=kind,
        current=getattr(locked, fact),
        raw_value=value,
        actor=actor,
        reason=reason,
        effective_at=effective_at,
        last_effective_at=last,
        now=now,
    )
    row = log._default_manager.create(
        **{owner_field: locked},
        fact=fact,
        value=change.value,
        previous=change.previous,
        effective_at=change.effective_at,
        recorded_at=now,
        actor=actor,
        reason=change.reason,
        late_recorded=change.late_recorded,
    )
    column = kind.to_column(change.value)
    model._default_manager.filter(pk=locked.pk).update(**{fact: column})
    setattr(owner, fact, column)
    return row
