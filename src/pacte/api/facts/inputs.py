"""A change of one fact: a customer's, or a motive's."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from pacte.api.common.fields import AwareDateTimeField
from pacte.api.facts.serializers import FactValueField
from pacte.cases.models import MotiveFact
from pacte.customers.models import CustomerFact


def _change_input(choices: type[models.TextChoices]) -> type[serializers.Serializer[Any]]:
    class FactChangeInput(serializers.Serializer[Any]):
        fact = serializers.ChoiceField(choices=choices.choices)
        value = FactValueField()
        reason = serializers.CharField(max_length=1000, allow_blank=True)
        effective_at = AwareDateTimeField(
            required=False,
            help_text="From when (default: now). A past instant: quality managers and "
            "administrators only, within PACTE_FACT_BACKDATE_DAYS; the change is then "
            "late-recorded.",
        )

    FactChangeInput.__name__ = f"{choices.__name__}ChangeInput"
    return FactChangeInput


CustomerFactChangeInput = _change_input(CustomerFact)


MotiveFactChangeInput = _change_input(MotiveFact)
