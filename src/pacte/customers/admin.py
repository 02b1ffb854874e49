"""Admin for customers, accounts, lines and points of sale.

A line's status and its handset's block are read-only here (``LINE_STATUS_COLUMNS``).

A customer's facts that decide clocks (fraud-victim status, segment) are set when the
customer is created and then change only through ``customer_fact_set`` (the case page,
the API), which records who, when and why: here they are read-only, and so is their
history.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from pacte.customers.models import Account, Customer, CustomerFactChange, Distributor, Line

# The customer's columns only the fact service writes once the customer exists.
FACT_COLUMNS = ("fraud_victim", "segment")


class ReadOnlyAdmin:
    """The rows of an append-only log: listed and shown, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class CustomerFactChangeInline(ReadOnlyAdmin, admin.TabularInline[CustomerFactChange, Customer]):
    model = CustomerFactChange
    fields = (
        "fact",
        "previous",
        "value",
        "effective_at",
        "recorded_at",
        "actor",
        "reason",
        "late_recorded",
    )
    readonly_fields = fields
    ordering = ("-recorded_at", "-pk")
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin[Customer]):
    list_display = ("reference", "last_name", "first_name", "company_name", "segment")
    search_fields = ("reference", "last_name", "company_name", "email", "phone")
    list_filter = ("segment", "fraud_victim")
    raw_id_fields = ("user",)
    inlines = (CustomerFactChangeInline,)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Customer | None = None
    ) -> tuple[str, ...]:
        """The facts are set on creation, then changed only through the fact service."""
        return FACT_COLUMNS if obj is not None else ()


@admin.register(CustomerFactChange)
class CustomerFactChangeAdmin(ReadOnlyAdmin, admin.ModelAdmin[CustomerFactChange]):
    list_display = ("customer", "fact", "value", "effective_at", "recorded_at", "actor")
    list_filter = ("fact", "late_recorded")
    search_fields = ("customer__reference",)
    list_select_related = ("customer", "actor")
    raw_id_fields = ("customer",)


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin[Account]):
    list_display = ("number", "customer", "billing_mode")
    search_fields = ("number",)
    raw_id_fields = ("customer",)


# A line's columns only pacte.operations.lines.line_status_set writes, with a LineEvent.
LINE_STATUS_COLUMNS = ("status", "imei_blocked")


@admin.register(Line)
class LineAdmin(admin.ModelAdmin[Line]):
    """A line's number, SIM, handset and offer are edited here; its status and its
    handset's block never are: they change only through the operations' services,
    each change recorded in the line's history (docs/operations-lines.md). A new line
    starts active, its handset not blocked. No bulk action changes them either."""

    list_display = ("msisdn", "account", "offer", "status", "imei_blocked")
    list_filter = ("status", "imei_blocked")
    search_fields = ("msisdn", "imei", "iccid")
    raw_id_fields = ("account",)
    readonly_fields = LINE_STATUS_COLUMNS


@admin.register(Distributor)
class DistributorAdmin(admin.ModelAdmin[Distributor]):
    list_display = ("code", "name")
    search_fields = ("code", "name")
