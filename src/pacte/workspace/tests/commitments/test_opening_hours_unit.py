"""The scheme editor accepts a delay in opening hours (docs/business-days.md, "Clocks in
hours"), and the scheme's API shows it."""

from __future__ import annotations

import pytest
from django.test import Client

from pacte.commitments.models import DeadlineRule, DelayUnit, SchemeVersion
from pacte.commitments.services import scheme_version_draft
from pacte.conftest import Cast

pytestmark = pytest.mark.django_db

V2 = "/schemes/telecom-2004/v2/"


def test_a_rule_can_be_set_to_opening_hours(client: Client, cast: Cast) -> None:
    # given a draft of the telecom scheme and the quality manager
    telecom = SchemeVersion.objects.get(scheme__code="telecom-2004", number=1)
    draft = scheme_version_draft(version=telecom)
    rule = DeadlineRule.objects.get(commitment__version=draft, commitment__code="T4.4")
    client.force_login(cast.quality_manager)
    # when the restoration's delay becomes 6 opening hours
    response = client.post(
        f"{V2}rules/{rule.pk}/edit/",
        {"delay_value": "6", "delay_unit": "opening_hours"},
        follow=True,
    )
    # then it is saved, and the API shows the unit
    assert response.status_code == 200
    rule.refresh_from_db()
    assert (rule.delay_value, rule.delay_unit) == (6, DelayUnit.OPENING_HOURS)
    api = client.get("/api/schemes/telecom-2004/versions/2/")
    assert api.status_code == 200
    assert "opening_hours" in api.content.decode()
