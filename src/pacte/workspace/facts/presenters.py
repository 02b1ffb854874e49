"""The facts that decide clocks, as the workspace shows them: values, forms, history.

A customer's facts are shown in the case page's customer block, a motive's on the
motives page. Each fact comes with its change form for the roles of the permission
table (``core.roles``); the effective-date field only for the roles that may backdate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pacte.cases.facts_in_force import facts_in_force
from pacte.cases.models import Case, Motive, MotiveFact, MotiveFactChange
from pacte.cases.motive_facts import MOTIVE_FACTS
from pacte.core.models import User
from pacte.core.permissions import may_change_fact
from pacte.customers.facts import CUSTOMER_FACTS
from pacte.customers.models import CustomerFact, CustomerFactChange
from pacte.workspace.facts.forms import FactForm, fact_form

FactChange = CustomerFactChange | MotiveFactChange


@dataclass(frozen=True)
class FactPanel:
    """One fact: its value now, the value at the case's receipt when it differs, the form."""

    fact: str
    label: str
    value: str
    at_receipt: str | None
    form: FactForm | None


@dataclass(frozen=True)
class HistoryRow:
    change: FactChange
    label: str
    previous: str
    value: str


def customer_fact_panels(
    *, user: User, case: Case, bound: Mapping[str, FactForm] | None = None
) -> list[FactPanel]:
    """The case's customer's facts for ``user``, with a form for the facts they may change
    (``bound`` holds a refused form to show again). One query (the facts at receipt)."""
    in_force = facts_in_force([case])[case.pk].customer
    panels = []
    for fact, kind in CUSTOMER_FACTS.items():
        current = getattr(case.customer, fact)
        form = None
        if may_change_fact(user, f"customer.{fact}"):
            form = (bound or {}).get(fact) or fact_form(
                None, kind=kind, current=current, user=user, prefix=f"fact-{fact}"
            )
        described = kind.describe(kind.from_column(current))
        at_receipt = kind.describe(kind.from_column(in_force[fact]))
        panels.append(
            FactPanel(
                fact=str(fact),
                label=str(CustomerFact(fact).label),
                value=described,
                at_receipt=at_receipt if at_receipt != described else None,
                form=form,
            )
        )
    return panels


def history_rows(changes: Iterable[FactChange]) -> list[HistoryRow]:
    """The changes as the history shows them: the fact's name and its values in words."""
    rows = []
    for change in changes:
        if isinstance(change, CustomerFactChange):
            fact: CustomerFact | MotiveFact = CustomerFact(change.fact)
            kind = CUSTOMER_FACTS[CustomerFact(change.fact)]
        else:
            fact = MotiveFact(change.fact)
            kind = MOTIVE_FACTS[MotiveFact(change.fact)]
        rows.append(
            HistoryRow(
                change=change,
                label=str(fact.label),
                previous=kind.describe(change.previous),
                value=kind.describe(change.value),
            )
        )
    return rows


@dataclass(frozen=True)
class MotiveRow:
    motive: Motive
    billing: str
    form: FactForm | None
    history: list[HistoryRow]


def motive_rows(
    listed: Iterable[tuple[Motive, list[MotiveFactChange]]],
    *,
    user: User,
    bound: tuple[str, FactForm] | None = None,
) -> list[MotiveRow]:
    """Each motive with its bill status in words, its history and, for the roles that
    change it, its form (``bound``: the motive code and the refused form to show again)."""
    kind = MOTIVE_FACTS[MotiveFact.BILLING]
    editor = may_change_fact(user, f"motive.{MotiveFact.BILLING}")
    rows = []
    for motive, changes in listed:
        form = None
        if bound is not None and bound[0] == motive.code:
            form = bound[1]
        elif editor:
            form = fact_form(
                None, kind=kind, current=motive.billing, user=user, prefix=f"{motive.code}-billing"
            )
        rows.append(
            MotiveRow(
                motive=motive,
                billing=kind.describe(kind.from_column(motive.billing)),
                form=form,
                history=history_rows(changes),
            )
        )
    return rows
