from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from pacte.commitments.models import SchemeVersion
from pacte.commitments.selectors import rules_cache_clear

SMALL_SCHEME: dict[str, Any] = {
    "scheme": {"code": "test-scheme", "title_fr": "Essai", "title_en": "Test"},
    "version": {"number": 1, "status": "active", "valid_from": None, "notes": ""},
    "domains": [
        {"number": 1, "title_fr": "Accès", "title_en": "Access"},
        {"number": 2, "title_fr": "Traitement", "title_en": "Processing"},
    ],
    "commitments": [
        {
            "code": "X1",
            "domain": 1,
            "title_fr": "Un engagement",
            "title_en": "A commitment",
            "owner_role": "supervisor",
            "control_frequency": "daily",
            "active": True,
            "requirements": [{"code": "X1-R1", "text_fr": "Seuil", "text_en": "Threshold"}],
            "indicators": [
                {
                    "code": "X1-a",
                    "computation": "request_answered_in_time",
                    "title_fr": "Dans le délai",
                    "title_en": "In time",
                    "population": "Requests.",
                    "success_rule": "Answered in time.",
                    "period": "month",
                    "target": "95.00",
                    "target_is_maximum": False,
                    "unit": "percent",
                }
            ],
            "deadline_rules": [
                {
                    "channel": "email",
                    "kind": "request",
                    "exclude_billing": True,
                    "fraud_victim_only": False,
                    "delay_value": 2,
                    "delay_unit": "business_days",
                }
            ],
        },
        {
            "code": "X2",
            "domain": 2,
            "title_fr": "Un autre",
            "title_en": "Another",
            "owner_role": "quality_manager",
            "control_frequency": "monthly",
            "active": False,
            "requirements": [],
            "indicators": [],
            "deadline_rules": [
                {
                    "channel": "",
                    "kind": "",
                    "exclude_billing": False,
                    "fraud_victim_only": False,
                    "delay_value": 1,
                    "delay_unit": "calendar_months",
                }
            ],
        },
    ],
}


@pytest.fixture(autouse=True)
def _fresh_rules_cache() -> Iterator[None]:
    rules_cache_clear()
    yield
    rules_cache_clear()


@pytest.fixture
def small_data() -> dict[str, Any]:
    """A two-commitment scheme, deep-copied so that a test may edit it."""
    return copy.deepcopy(SMALL_SCHEME)


@pytest.fixture
def telecom() -> SchemeVersion:
    return SchemeVersion.objects.select_related("scheme").get(scheme__code="telecom-2004", number=1)
