"""Changes of a motive's facts (its bill status), and the reads of them.

A motive's bill status decides clocks (bill cases are excepted from T3.1 and T6.3),
so it changes only here, effective from an instant and recorded with who, when and
why, like a customer's facts (``customers.facts``).
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _

from pacte.cases.errors import CaseError
from pacte.cases.models import Motive, MotiveFact, MotiveFactChange
from pacte.core import clock
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.facts import BOOLEAN, FactKind, fact_record

# The motive's facts: the fact's code is also the name of the motive's column.
MOTIVE_FACTS: dict[MotiveFact, FactKind] = {MotiveFact.BILLING: BOOLEAN}


@transaction.atomic
def motive_fact_set(
    *,
    motive: Motive,
    fact: MotiveFact,
    value: object,
    actor: User,
    reason: str,
    effective_at: datetime | None = None,
) -> MotiveFactChange:
    """Change one of the motive's facts (its bill status) from an instant.

    Same rules as ``customers.services.customer_fact_set``: only the roles of the
    permission table (quality managers, administrators), a reason, a new value, now or
    a past instant (quality managers and administrators, at most
    ``PACTE_FACT_BACKDATE_DAYS`` back, not before the latest change: late-recorded).

    Locks the motive row, records one ``MotiveFactChange`` and writes the motive's
    column in the same transaction. Clocks read the value in force at each case's
    receipt: a backdated change reaches them at the next ``recompute_clocks``.
    """
    row = fact_record(
        owner=motive,
        log=MotiveFactChange,
        owner_field="motive",
        key=f"motive.{fact}",
        fact=str(fact),
        kind=MOTIVE_FACTS[fact],
        value=value,
        actor=actor,
        reason=reason,
        effective_at=effective_at,
        now=clock.now(),
    )
    return cast("MotiveFactChange", row)  # a row of the log given above


def access_motive(*, user: User, code: str) -> Motive:
    """The motive ``code`` for a user who reads motives' facts; NotFoundError otherwise."""
    motive = (
        Motive.objects.filter(code=code).first() if may(user, Action.MOTIVE_FACTS_READ) else None
    )
    if motive is None:
        raise NotFoundError(CaseError.MOTIVE_NOT_FOUND, _("No such motive."))
    return motive


def motive_fact_history(*, motive: Motive) -> list[MotiveFactChange]:
    """Every change of the motive's facts, latest recorded first, with its actor (one query)."""
    return list(
        MotiveFactChange.objects.filter(motive=motive)
        .select_related("actor")
        .order_by("-recorded_at", "-pk")
    )


def motives_with_history() -> list[tuple[Motive, list[MotiveFactChange]]]:
    """Every motive by code, each with its fact history, latest first (two queries)."""
    motives = list(Motive.objects.order_by("code"))
    history: dict[int, list[MotiveFactChange]] = {motive.pk: [] for motive in motives}
    for change in MotiveFactChange.objects.select_related("actor").order_by("-recorded_at", "-pk"):
        history[change.motive_id].append(change)
    return [(motive, history[motive.pk]) for motive in motives]
