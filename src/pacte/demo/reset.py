"""Whether demo data is there, and wiping it: cases, events, clocks, customers, points of sale.

Case events are append-only (the ORM and the database's triggers refuse to delete them),
so the wipe empties the tables inside ``db_guard.maintenance()`` the way
``manage.py flush`` does (TRUNCATE on PostgreSQL, DELETE on SQLite), cascading to any
table that points to them, and resets their id sequences so that a regenerated demo
gets the same case numbers. Reference data (sites, teams, motives, users) is kept
and brought up to date by the generator.
"""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model

from pacte.access.models import ACCESS_PAGE
from pacte.cases.models import Case, CaseEvent, Clock
from pacte.compliance.tallies import tallies_forget
from pacte.core.db_guard import maintenance
from pacte.customers.models import Account, Customer, Distributor, Line
from pacte.demo.calls import CALL_TABLES
from pacte.demo.dunning import DUNNING_TABLES

WIPED: tuple[type[Model], ...] = (
    Clock,
    CaseEvent,
    Case,
    Line,
    Account,
    Customer,
    Distributor,
    *ACCESS_PAGE,
    *CALL_TABLES,
    *DUNNING_TABLES,
)


def demo_data_exists() -> bool:
    """True if the database already holds cases or customers."""
    return Case.objects.exists() or Customer.objects.exists()


def demo_data_delete() -> None:
    """Empty the case and customer tables (and whatever references them), and forget
    the monthly tallies kept from their clocks."""
    tables = [model._meta.db_table for model in WIPED]
    tables.append(Distributor.users.through._meta.db_table)
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    with transaction.atomic(), maintenance():
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with pending deferred foreign-key checks (rows
            # written earlier in the same transaction): run those checks first.
            connection.check_constraints()
        connection.ops.execute_sql_flush(statements)
        tallies_forget()
