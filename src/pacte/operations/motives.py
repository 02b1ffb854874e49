"""The motives the operations' cases are filed under: the catalogue's, made with their
labels the first time one is missing, so that an operation (a stolen phone declared at
3 a.m.) is never refused for want of reference data."""

from __future__ import annotations

from typing import Any

from pacte.cases.models import Motive

# code -> the labels (and talk-time target) a missing motive is made with.
OPERATION_MOTIVES: dict[str, dict[str, Any]] = {
    "risk-measure": {
        "label_fr": "Mesure de risque ou de fraude",
        "label_en": "Risk or fraud measure",
    },
    "sim-replacement": {
        "label_fr": "Remplacement de carte SIM",
        "label_en": "SIM replacement",
        "talk_time_target_seconds": 300,
    },
    "unpaid-bills": {"label_fr": "Factures impayées", "label_en": "Unpaid bills"},
    "stolen-phone": {
        "label_fr": "Vol ou perte du mobile",
        "label_en": "Stolen or lost phone",
        "talk_time_target_seconds": 300,
    },
    "line-restoration": {"label_fr": "Rétablissement de ligne", "label_en": "Line restoration"},
}


def operation_motive(code: str) -> Motive:
    """The motive ``code`` (one of ``OPERATION_MOTIVES``), made if it is missing."""
    found, _created = Motive.objects.get_or_create(code=code, defaults=OPERATION_MOTIVES[code])
    return found
