from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "pacte.customers"
    label = "customers"
    verbose_name = "Customers"
