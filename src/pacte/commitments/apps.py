from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "pacte.commitments"
    label = "commitments"
    verbose_name = "Commitment schemes"
