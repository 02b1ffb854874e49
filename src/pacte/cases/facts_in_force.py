"""The facts in force at each case's receipt: what its clocks are derived from.

A fact's value at an instant is the value of its latest change effective at or before
that instant; before its first change, that change's previous value; without any
change, the owner's column (rows written in bulk, like the demo's, have no change).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Value

from pacte.cases.models import Case, MotiveFact, MotiveFactChange
from pacte.cases.motive_facts import MOTIVE_FACTS
from pacte.customers.facts import CUSTOMER_FACTS, FactKind
from pacte.customers.models import CustomerFact, CustomerFactChange

CUSTOMER = "customer"
MOTIVE = "motive"
# Each owner's facts as (column name, kind); the names as plain strings, read per case.
OwnerFacts = tuple[tuple[str, FactKind], ...]
_CUSTOMER_FACTS: OwnerFacts = tuple((str(fact), kind) for fact, kind in CUSTOMER_FACTS.items())
_MOTIVE_FACTS: OwnerFacts = tuple((str(fact), kind) for fact, kind in MOTIVE_FACTS.items())
# (owner, owner's id, fact) -> the fact's changes in effective order
Timelines = dict[tuple[str, int, str], list["Step"]]


@dataclass(frozen=True, slots=True)
class FactsInForce:
    """A case's facts as they stood when it was received: every fact of its customer
    and of its motive, by fact code, in the column's type."""

    customer: dict[str, Any]
    motive: dict[str, Any]

    @property
    def fraud_victim(self) -> bool:
        return bool(self.customer[CustomerFact.FRAUD_VICTIM])

    @property
    def segment(self) -> str:
        return str(self.customer[CustomerFact.SEGMENT])

    @property
    def billing(self) -> bool:
        return bool(self.motive[MotiveFact.BILLING])


@dataclass(frozen=True, slots=True)
class Step:
    effective_at: datetime
    value: str
    previous: str


def _rows(model: type[models.Model], owner: str, ids: set[int]) -> models.QuerySet[Any, Any]:
    # ``<owner>__pk__in`` is the same SQL as ``<owner>_id__in``, prepared in half the time.
    rows = model._default_manager.filter(**{f"{owner}__pk__in": ids}).order_by()
    return rows.values_list(
        Value(owner, output_field=models.CharField()),
        f"{owner}_id",
        "fact",
        "effective_at",
        "pk",
        "value",
        "previous",
    )


def _timelines(cases: Sequence[Case]) -> Timelines:
    """Every change of the cases' customers' and motives' facts, in one query."""
    customers = {case.customer_id for case in cases}
    motives = {case.motive_id for case in cases}
    rows = _rows(CustomerFactChange, CUSTOMER, customers).union(
        _rows(MotiveFactChange, MOTIVE, motives), all=True
    )
    ordered: dict[tuple[str, int, str], list[tuple[datetime, int, str, str]]] = defaultdict(list)
    for owner, owner_id, fact, effective_at, pk, value, previous in rows:
        ordered[(owner, owner_id, fact)].append((effective_at, pk, value, previous))
    return {
        key: [Step(at, value, previous) for at, _pk, value, previous in sorted(changes)]
        for key, changes in ordered.items()
    }


def _at(steps: list[Step] | None, instant: datetime, current: object, kind: FactKind) -> Any:
    if not steps:
        return current
    index = bisect_right([step.effective_at for step in steps], instant)
    return kind.to_column(steps[index - 1].value if index else steps[0].previous)


def facts_in_force(cases: Sequence[Case]) -> dict[int, FactsInForce]:
    """Each case's facts at its ``received_at``, by case id.

    Reads the cases' customer and motive (select them with the cases) and the changes
    of their facts in one query, whatever the number of cases. An owner whose facts
    never changed has the same facts for all its cases: one dict, shared (read only).
    """
    timelines = _timelines(cases) if cases else {}
    changed = {(owner, owner_id) for owner, owner_id, _fact in timelines}
    unchanged: dict[tuple[str, int], dict[str, Any]] = {}

    def facts_of(owner: str, row: models.Model, facts: OwnerFacts, at: datetime) -> dict[str, Any]:
        key = (owner, row.pk)
        if key in changed:
            return {
                name: _at(timelines.get((owner, row.pk, name)), at, getattr(row, name), kind)
                for name, kind in facts
            }
        columns = unchanged.get(key)
        if columns is None:
            columns = unchanged[key] = {name: getattr(row, name) for name, _kind in facts}
        return columns

    return {
        case.pk: FactsInForce(
            customer=facts_of(CUSTOMER, case.customer, _CUSTOMER_FACTS, case.received_at),
            motive=facts_of(MOTIVE, case.motive, _MOTIVE_FACTS, case.received_at),
        )
        for case in cases
    }
