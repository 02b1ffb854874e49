"""A count indicator (T1.1 counts the channels on the access page) is never printed or
drawn as a percentage: dashboard, trend chart data, drill-down, non-conformities, the
public results page; rates keep their percent sign and decimal comma in French."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pacte.access.tests.builders import EMAIL, PHONE, page_build, publish_at
from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.compliance.closing import month_close
from pacte.compliance.verification import seals_verify
from pacte.conftest import Cast, paris
from pacte.workspace.tests.compliance.test_compliance import MARCH, NOW, row_of
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def two_channels(cast: Cast) -> Iterator[datetime]:
    """An access page with two channels (T1.1 wants at least four) in force in March."""
    page_build(cast.administrator, channels=(PHONE, EMAIL))
    publish_at(cast.administrator, paris(2026, 2, 20, 10))
    with time_machine.travel(NOW, tick=False):
        yield NOW


def test_dashboard_and_trend_show_a_count_as_a_count(
    client: Client, cast: Cast, two_channels: datetime
) -> None:
    content = login(client, cast.quality_manager).get(f"/compliance/?{MARCH}").content.decode()
    row = row_of(content, "T1.1-a")
    assert re.search(r'class="rate">\s*2\s*<', row), row
    assert f"≥{NBSP}4" in row
    assert "%" not in row
    # the chart's data: the count's own axis and labels, no percent sign
    match = re.search(r'id="compliance-trends" type="application/json">(.*?)</script>', content)
    assert match is not None
    trend = {t["code"]: t for t in json.loads(match.group(1))}["T1.1-a"]
    assert (trend["is_rate"], trend["unit"]) == (False, "count")
    assert trend["target_label"] == f"≥{NBSP}4"
    assert trend["label"] == "T1.1-a (nombre)"
    assert trend["points"][-1]["figure"] == "2"
    # a rate's series keeps its percent axis
    rate = {t["code"]: t for t in json.loads(match.group(1))}["T1.2-a"]
    assert rate["is_rate"] is True
    assert rate["target_label"].endswith(f"{NBSP}%")


def test_drill_down_of_a_count_shows_the_count(
    client: Client, cast: Cast, two_channels: datetime
) -> None:
    url = f"{reverse('workspace:compliance_drill', args=['T1.1-a'])}?{MARCH}"
    content = login(client, cast.quality_manager).get(url).content.decode()
    total = content.split('class="drill-total">', 1)[1].split("</p>", 1)[0]
    assert total.rstrip().endswith("· 2"), total
    assert "%" not in total


def test_non_conformity_of_a_count_shows_the_count(
    client: Client, cast: Cast, two_channels: datetime
) -> None:
    manager = login(client, cast.quality_manager)
    panel = manager.get(f"{reverse('workspace:nonconformity_panel')}?{MARCH}").content.decode()
    missed = re.search(r'<li data-indicator="T1.1-a">(.*?)\n', panel)
    assert missed is not None
    assert missed.group(1).strip() == f"T1.1-a · 2 (≥{NBSP}4)"
    response = manager.post(
        reverse("workspace:nonconformity_raise"),
        {
            "source": "missed_target",
            "scheme": "telecom-2004",
            "month": "2026-03",
            "indicator": "T1.1-a",
        },
    )
    assert response.status_code == 302, response.content.decode()
    detail = manager.get(response["Location"]).content.decode()
    figures = detail.split('class="figures">', 1)[1].split("</dd>", 1)[0]
    assert figures.startswith(f"2 / 2 · 2 (≥{NBSP}4)"), figures


def test_public_results_page_shows_a_count_as_a_count(
    client: Client, cast: Cast, two_channels: datetime
) -> None:
    # given March closed (the public page shows sealed months only)
    month_close(
        scheme_version=SchemeVersion.objects.get(
            scheme__code="telecom-2004", status=VersionStatus.ACTIVE
        ),
        year=2026,
        month=3,
        actor=cast.quality_manager,
        now=NOW,
    )
    seals_verify(record=True)
    content = client.get(reverse("portal:results")).content.decode()
    row = row_of(content, "T1.1-a")
    assert f"≥{NBSP}4" in row
    assert re.search(r'class="rate">2<', row), row
    assert "%" not in row
