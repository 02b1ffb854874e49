"""The demo's customers, their accounts and lines, and the points of sale: drawn, then bulk-created.

The draw (``population_plan``) is numpy arrays only, so the contact generator can use
the customers' flags before any row exists; ``population_create`` writes the rows in
batches and returns the primary keys in index order.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
import numpy.typing as npt

from pacte.core.models import User
from pacte.customers.models import (
    Account,
    BillingMode,
    Customer,
    Distributor,
    Line,
    LineStatus,
    Segment,
)
from pacte.demo.bulk import next_id, rows_insert
from pacte.demo.catalogue import FRAUD_VICTIM_SHARE, PREPAID_SHARE, PROFESSIONAL_SHARE
from pacte.demo.words import (
    CITIES,
    COMPANY_FORMS,
    COMPANY_WORDS,
    DISTRIBUTOR_NAMES,
    FIRST_NAMES,
    LAST_NAMES,
    STREETS,
)

Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

BATCH = 5000
#: When the demo's customers were registered (the column is filled on creation).
CREATED_AT = datetime(2018, 1, 1, tzinfo=UTC)
#: Type allocation codes of common handsets: the first 8 digits of an IMEI.
HANDSET_TACS = ("35332811", "35407115", "35925406", "86891703", "35438210", "35676211")


@dataclass(frozen=True)
class PopulationPlan:
    """Everything drawn about the customers, by customer index."""

    professional: Flags
    fraud_victim: Flags
    first_line: Ints  # index of each customer's first line
    accounts_per_customer: Ints
    lines_per_account: Ints
    distributors: int

    @property
    def customers(self) -> int:
        return len(self.professional)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).lower()


def population_plan(rng: np.random.Generator, *, customers: int) -> PopulationPlan:
    """Draw segments, fraud-victim flags and how many accounts and lines each customer has."""
    professional = rng.random(customers) < PROFESSIONAL_SHARE
    accounts = 1 + (rng.random(customers) < np.where(professional, 0.3, 0.08)).astype(np.int64)
    owner_pro = np.repeat(professional, accounts)
    consumer_lines = 1 + (rng.random(owner_pro.size) < 0.25) + (rng.random(owner_pro.size) < 0.08)
    lines = np.where(owner_pro, rng.integers(2, 11, owner_pro.size), consumer_lines)
    lines_per_customer = np.add.reduceat(lines, np.cumsum(accounts) - accounts)
    first_line = np.cumsum(lines_per_customer) - lines_per_customer
    return PopulationPlan(
        professional=professional,
        fraud_victim=rng.random(customers) < FRAUD_VICTIM_SHARE,
        first_line=first_line.astype(np.int64),
        accounts_per_customer=accounts,
        lines_per_account=lines.astype(np.int64),
        distributors=int(np.clip(customers // 400, 5, 300)),
    )


def msisdn(line_index: int) -> str:
    return f"+336{line_index + 10_000_000:08d}"


def luhn_digit(digits: str) -> str:
    """The Luhn check digit of ``digits`` (as for IMEIs and ICCIDs)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def distributors_create(rng: np.random.Generator, *, count: int) -> list[int]:
    """Create the points of sale; their primary keys by index."""
    cities = rng.integers(0, len(CITIES), count)
    names = rng.integers(0, len(DISTRIBUTOR_NAMES), count)
    rows = [
        Distributor(
            code=f"POS{k + 1:04d}",
            name=f"{DISTRIBUTOR_NAMES[names[k]]} {CITIES[cities[k]][1]}",
            email=f"pos{k + 1:04d}@distrib.example.fr",
            phone=f"+3338{k + 1000000:07d}",
        )
        for k in range(count)
    ]
    created = Distributor.objects.bulk_create(rows, batch_size=BATCH)
    return [row.pk for row in created]


def population_create(
    rng: np.random.Generator,
    plan: PopulationPlan,
    *,
    distributor_ids: list[int],
    customer_user: tuple[int, User],
    today: date,
) -> Ints:
    """Insert customers, accounts and lines in batches; customer ids by index.

    ``customer_user`` links one customer (by index) to the demo customer's login.
    """
    ids = Ids(customer=next_id(Customer), account=next_id(Account))
    pks = ids.customer + np.arange(plan.customers, dtype=np.int64)
    account_start = np.cumsum(plan.accounts_per_customer) - plan.accounts_per_customer
    for start in range(0, plan.customers, BATCH):
        stop = min(start + BATCH, plan.customers)
        rows_insert(
            Customer,
            (
                _customer(rng, plan, index, int(pks[index]), customer_user)
                for index in range(start, stop)
            ),
        )
        _accounts_create(
            rng,
            plan,
            owners=np.repeat(pks[start:stop], plan.accounts_per_customer[start:stop]),
            first_account=int(account_start[start]),
            first_line=int(plan.first_line[start]),
            distributor_ids=distributor_ids,
            today=today,
            first_id=ids.account,
        )
    return pks


@dataclass(frozen=True)
class Ids:
    """The first free ids of the tables written with explicit ids."""

    customer: int
    account: int


def _customer(
    rng: np.random.Generator,
    plan: PopulationPlan,
    index: int,
    pk: int,
    customer_user: tuple[int, User],
) -> dict[str, object]:
    linked = index == customer_user[0]
    user = customer_user[1]
    first = user.first_name if linked else FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]
    last = user.last_name if linked else LAST_NAMES[int(rng.integers(len(LAST_NAMES)))]
    zip_code, city = CITIES[int(rng.integers(len(CITIES)))]
    street = STREETS[int(rng.integers(len(STREETS)))]
    company = ""
    if plan.professional[index]:
        word = COMPANY_WORDS[int(rng.integers(len(COMPANY_WORDS)))]
        form = COMPANY_FORMS[int(rng.integers(len(COMPANY_FORMS)))]
        company = f"{word} {last} {form}"
    return {
        "id": pk,
        "reference": f"C{index + 1:09d}",
        "first_name": first,
        "last_name": last,
        "company_name": company,
        "segment": Segment.PROFESSIONAL.value if company else Segment.CONSUMER.value,
        "email": f"{_ascii(first)}.{_ascii(last)}{index + 1}@example.fr",
        "phone": msisdn(int(plan.first_line[index])),
        "postal_address": f"{int(rng.integers(1, 120))} {street}\n{zip_code} {city}",
        "preferred_language": "fr",
        "fraud_victim": bool(plan.fraud_victim[index]),
        "user_id": user.pk if linked else None,
        "created_at": CREATED_AT,
    }


def _accounts_create(
    rng: np.random.Generator,
    plan: PopulationPlan,
    *,
    owners: Ints,
    first_account: int,
    first_line: int,
    distributor_ids: list[int],
    today: date,
    first_id: int,
) -> None:
    count = len(owners)
    per_account = plan.lines_per_account[first_account : first_account + count]
    prepaid = (rng.random(count) < PREPAID_SHARE) & (per_account == 1)
    sold_by = rng.integers(0, len(distributor_ids), count)
    has_distributor = rng.random(count) < 0.7
    age_days = rng.integers(30, 8 * 365, count)
    account_ids = first_id + first_account + np.arange(count, dtype=np.int64)
    rows_insert(
        Account,
        (
            {
                "id": int(account_ids[k]),
                "customer_id": int(owners[k]),
                "number": f"A{first_account + k + 1:09d}",
                "billing_mode": (
                    BillingMode.PREPAID if prepaid[k] else BillingMode.SUBSCRIPTION
                ).value,
                "distributor_id": distributor_ids[sold_by[k]] if has_distributor[k] else None,
                "opened_on": today - timedelta(days=int(age_days[k])),
            }
            for k in range(count)
        ),
    )
    rows_insert(Line, _lines(rng, np.repeat(account_ids, per_account), first_line=first_line))


def _lines(
    rng: np.random.Generator, account_ids: Ints, *, first_line: int
) -> list[dict[str, object]]:
    tacs = rng.integers(0, len(HANDSET_TACS), len(account_ids))
    serials = rng.integers(0, 1_000_000, len(account_ids))
    lines: list[dict[str, object]] = []
    for k, account_id in enumerate(account_ids.tolist()):
        index = first_line + k
        iccid = f"893301{index:012d}"
        imei = f"{HANDSET_TACS[tacs[k]]}{serials[k]:06d}"
        lines.append(
            {
                "account_id": account_id,
                "msisdn": msisdn(index),
                "iccid": iccid + luhn_digit(iccid),
                "imei": imei + luhn_digit(imei),
                "status": LineStatus.ACTIVE.value,
                "offer": "",
                "imei_blocked": False,
            }
        )
    return lines
