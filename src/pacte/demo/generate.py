"""Generate the demo: reference data, customers, and months of cases with their events and clocks.

Deterministic for a seed and an instant ``now``: every draw comes from numpy
generators seeded with ``seed`` (one per chunk of cases) and a ``random.Random(seed)``
for texts, never from the global generators. Fast and bounded in memory at any size:
contacts are drawn as numpy arrays, then written a chunk at a time with bulk inserts,
one transaction per chunk; first deadlines are computed per group of cases with the
vectorised business-day arithmetic.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.db import transaction

from pacte.business_calendar.selectors import calendar_spec
from pacte.cases.models import Case, Site
from pacte.commitments.selectors import active_version, rules_for_version
from pacte.core.errors import PacteError
from pacte.customers.models import Account, Customer, Distributor
from pacte.demo.access_page import access_page_demo
from pacte.demo.bulk import next_id, sequences_reset
from pacte.demo.calls import calls_generate
from pacte.demo.catalogue import CUSTOMERS_PER_CONTACT, SITES, TEAMS
from pacte.demo.chain import chain_generate
from pacte.demo.contacts import ContactPlan, Period, contacts_plan, history_period
from pacte.demo.deadlines import SiteRules, first_deadlines, to_us
from pacte.demo.disclosures import disclosures_generate
from pacte.demo.dunning import dunning_demo
from pacte.demo.errors import DemoError
from pacte.demo.outcomes import outcomes_draw
from pacte.demo.population import (
    PopulationPlan,
    distributors_create,
    population_create,
    population_plan,
)
from pacte.demo.reference import Reference, reference_ensure
from pacte.demo.reset import demo_data_delete, demo_data_exists
from pacte.demo.restoration import restoration_generate
from pacte.demo.risk import risk_generate
from pacte.demo.rows import RowContext, Tally, chunk_store
from pacte.demo.sim import sim_generate
from pacte.demo.stolen import stolen_generate

CHUNK = 10_000
SITE_OF_TEAM = np.array([[s.code for s in SITES].index(t.site) for t in TEAMS], dtype=np.int64)

Progress = Callable[[int, int], None]


@dataclass
class DemoSummary:
    """What the generator made, and how long it took."""

    seed: int
    now: datetime
    months: int
    customers: int = 0
    distributors: int = 0
    tally: Tally = field(default_factory=Tally)
    seconds: float = 0.0


@dataclass(frozen=True)
class _Draft:
    """Everything drawn before the cases are written, and the rows they point to."""

    people: PopulationPlan
    plan: ContactPlan
    sites: list[SiteRules]
    context: RowContext


def demo_generate(
    *,
    contacts: int,
    months: int,
    seed: int,
    now: datetime,
    reset: bool = False,
    open_only: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Generate ``contacts`` cases over the ``months`` before ``now``.

    Refuses (DemoError.DATA_EXISTS) when cases or customers exist, unless ``reset``,
    which wipes them first. ``open_only`` leaves every case unanswered (a backlog, for
    the queue bench). Commits reference data and customers, then each chunk of
    cases, in its own transaction.
    """
    if contacts < 1 or months < 1:
        raise PacteError(DemoError.BAD_SIZE, "contacts and months must be at least 1")
    started = time.perf_counter()
    if demo_data_exists():
        if not reset:
            raise PacteError(DemoError.DATA_EXISTS, "Demo data exists; use --reset to replace it.")
        demo_data_delete()
    with transaction.atomic():
        draft = _prepare(contacts=contacts, months=months, seed=seed, now=now)
    summary = DemoSummary(
        seed=seed,
        now=now,
        months=months,
        customers=draft.people.customers,
        distributors=draft.people.distributors,
    )
    _write_cases(draft, seed=seed, open_only=open_only, tally=summary.tally, progress=progress)
    chain_generate(context=draft.context, seed=seed, tally=summary.tally)
    restoration_generate(context=draft.context, seed=seed, tally=summary.tally, open_only=open_only)
    disclosures_generate(context=draft.context, seed=seed, tally=summary.tally)
    stolen_generate(context=draft.context, seed=seed, tally=summary.tally, open_only=open_only)
    sim_generate(context=draft.context, seed=seed, tally=summary.tally, open_only=open_only)
    calls_generate(context=draft.context, seed=seed, open_only=open_only)
    risk_generate(context=draft.context, seed=seed, tally=summary.tally, open_only=open_only)
    dunning_demo(context=draft.context, seed=seed, tally=summary.tally)
    summary.seconds = time.perf_counter() - started
    return summary


def _prepare(*, contacts: int, months: int, seed: int, now: datetime) -> _Draft:
    """Reference data, the population and the contacts drawn; customers written."""
    rng = np.random.default_rng(seed)
    reference = reference_ensure()
    access_page_demo(actor=reference.users["admin"], now=now, months=months)
    people = population_plan(rng, customers=max(20, round(contacts * CUSTOMERS_PER_CONTACT)))
    plan = contacts_plan(
        rng,
        count=contacts,
        period=_period(reference, now=now, months=months),
        fraud_victim=people.fraud_victim,
        distributors=people.distributors,
    )
    context = _population(rng, people, plan, reference, now=now, seed=seed)
    return _Draft(people=people, plan=plan, sites=_site_rules(reference), context=context)


def _write_cases(
    draft: _Draft, *, seed: int, open_only: bool, tally: Tally, progress: Progress | None
) -> None:
    """Write the cases a chunk at a time, each chunk in its own transaction."""
    total = len(draft.plan)
    next_case = next_id(Case)
    for number, start in enumerate(range(0, total, CHUNK)):
        with transaction.atomic():
            next_case = _chunk(
                np.random.default_rng([seed, number]),
                draft=draft,
                plan=draft.plan.slice(start, start + CHUNK),
                tally=tally,
                open_only=open_only,
                first_id=next_case,
            )
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    sequences_reset([Case, Customer, Account])


def _site_rules(reference: Reference) -> list[SiteRules]:
    rules: list[SiteRules] = []
    for spec in SITES:
        site: Site = reference.sites[spec.code]
        version = active_version(scheme=site.scheme)
        rules.append(
            SiteRules(
                spec=calendar_spec(calendar=site.calendar),
                rules=rules_for_version(version=version),
            )
        )
    return rules


def _period(reference: Reference, *, now: datetime, months: int) -> Period:
    calendar = reference.sites[SITES[0].code].calendar
    spec = calendar_spec(calendar=calendar)
    return history_period(now=now, months=months, zone=spec.zone, holidays=spec.holidays)


def _population(
    rng: np.random.Generator,
    people: PopulationPlan,
    plan: ContactPlan,
    reference: Reference,
    *,
    now: datetime,
    seed: int,
) -> RowContext:
    """Create points of sale and customers; link the demo logins to the busiest of each."""
    zone = calendar_spec(calendar=reference.sites[SITES[0].code].calendar).zone
    distributor_pks = distributors_create(rng, count=people.distributors)
    busiest_customer = int(np.bincount(plan.customer, minlength=people.customers).argmax())
    customer_pks = population_create(
        rng,
        people,
        distributor_ids=distributor_pks,
        customer_user=(busiest_customer, reference.users["customer"]),
        today=now.astimezone(zone).date(),
    )
    raised = plan.distributor[plan.distributor >= 0]
    busiest = int(np.bincount(raised).argmax()) if len(raised) else 0
    Distributor.objects.get(pk=distributor_pks[busiest]).users.set([reference.users["distributor"]])
    return RowContext(
        reference=reference,
        customer_pks=customer_pks,
        distributor_pks=distributor_pks,
        now=now,
        zone=zone,
        texts=random.Random(seed),
    )


def _chunk(
    rng: np.random.Generator,
    *,
    draft: _Draft,
    plan: ContactPlan,
    tally: Tally,
    open_only: bool,
    first_id: int,
) -> int:
    """Draw the chunk's deadlines and outcomes, and write it; the next free case id."""
    site = SITE_OF_TEAM[plan.final_team]
    billing = np.array([m.billing for m in draft.context.reference.motives])[plan.motive]
    deadlines = first_deadlines(
        received_us=plan.received_us,
        channel=plan.channel,
        kind=plan.kind,
        billing=billing,
        fraud_victim=draft.people.fraud_victim[plan.customer],
        site=site,
        sites=draft.sites,
    )
    outcomes = outcomes_draw(
        rng,
        plan=plan,
        deadlines=deadlines,
        site=site,
        sites=draft.sites,
        now_us=to_us(draft.context.now),
        open_only=open_only,
    )
    return chunk_store(
        plan=plan,
        deadlines=deadlines,
        outcomes=outcomes,
        context=draft.context,
        first_id=first_id,
        tally=tally,
    )
