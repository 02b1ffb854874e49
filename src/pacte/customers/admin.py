from django.contrib import admin

from pacte.customers.models import Account, Customer, Distributor, Line


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin[Customer]):
    list_display = ("reference", "last_name", "first_name", "company_name", "segment")
    search_fields = ("reference", "last_name", "company_name", "email", "phone")
    list_filter = ("segment", "fraud_victim")
    raw_id_fields = ("user",)


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin[Account]):
    list_display = ("number", "customer", "billing_mode")
    search_fields = ("number",)
    raw_id_fields = ("customer",)


@admin.register(Line)
class LineAdmin(admin.ModelAdmin[Line]):
    list_display = ("msisdn", "account", "status")
    search_fields = ("msisdn", "imei", "iccid")
    raw_id_fields = ("account",)


@admin.register(Distributor)
class DistributorAdmin(admin.ModelAdmin[Distributor]):
    list_display = ("code", "name")
    search_fields = ("code", "name")
