"""The public results page: no login, sealed figures of closed months only, FR and EN."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation
from pytest_django import DjangoAssertNumQueries, Settings

from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.compliance.closing import month_close, month_reopen
from pacte.compliance.models import MonthClosing
from pacte.compliance.verification import seals_verify
from pacte.conftest import Cast
from pacte.workspace.tests.compliance.test_compliance import NOW, build_march

pytestmark = pytest.mark.django_db

URL = "/public/results/"


@pytest.fixture(autouse=True)
def _static_root_not_collected(settings: Settings) -> None:
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def april() -> Iterator[datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


def telecom() -> SchemeVersion:
    return SchemeVersion.objects.select_related("scheme").get(
        scheme__code="telecom-2004", status=VersionStatus.ACTIVE
    )


def close(cast: Cast, month: int) -> MonthClosing:
    with translation.override(settings.LANGUAGE_CODE):  # as the worker closes
        closing = month_close(
            scheme_version=telecom(), year=2026, month=month, actor=cast.quality_manager, now=NOW
        )
    seals_verify(record=True)  # as the worker checks every new closing
    return closing


def row_of(content: str, code: str) -> str:
    match = re.search(rf'<tr data-indicator="{re.escape(code)}">(.*?)</tr>', content, re.S)
    assert match is not None, code
    return match.group(1)


def month_headers(content: str) -> list[str]:
    return re.findall(r'<th scope="col" data-month="([\d-]+)">', content)


def test_anonymous_visitor_reads_the_sealed_figures(
    client: Client, cast: Cast, april: datetime
) -> None:
    # Given March closed at 3/4 for T3.1-a, then a late answer recorded in March
    build_march(cast, passed=3, failed=1)
    march = close(cast, 3)
    build_march(cast, passed=0, failed=2)
    # When an anonymous visitor opens the page in English
    response = client.get(f"{URL}?lang=en")
    # Then the sealed 75 % is shown against the 95 % target, never the live figure
    assert response.status_code == 200
    content = response.content.decode()
    assert month_headers(content) == ["2026-03"]
    row = row_of(content, "T3.1-a")
    assert "75.00\u00a0%" in row
    assert "≥\u00a095.00\u00a0%" in row
    assert '<span class="badge missed">not met</span>' in row
    assert march.seal[:12] in content
    assert march.seal in content  # in full, under "The seals in full"
    assert "Scheme telecom-2004, version 1" in content


def test_no_data_indicators_say_not_measured(client: Client, cast: Cast, april: datetime) -> None:
    close(cast, 3)
    content = client.get(f"{URL}?lang=en").content.decode()
    assert '<span class="badge no-data">not measured</span>' in row_of(content, "T2.2-a")
    assert '<span class="badge empty">no case</span>' in row_of(content, "T3.1-a")


def test_only_closed_months_newest_first_at_most_twelve(
    client: Client, cast: Cast, april: datetime
) -> None:
    with time_machine.travel(datetime(2027, 6, 15, tzinfo=NOW.tzinfo), tick=False):
        closings = [
            month_close(
                scheme_version=telecom(),
                year=2026 if m < 12 else 2027,
                month=m % 12 + 1,
                actor=cast.quality_manager,
                now=datetime(2027, 6, 15, tzinfo=NOW.tzinfo),
            )
            for m in range(0, 14)
        ]
    assert len(closings) == 14
    content = client.get(URL).content.decode()
    headers = month_headers(content)
    assert len(headers) == 12
    assert headers[0] == "2027-02"
    assert headers[-1] == "2026-03"


def test_a_reopened_month_disappears(client: Client, cast: Cast, april: datetime) -> None:
    close(cast, 2)
    march = close(cast, 3)
    month_reopen(closing=march, actor=cast.quality_manager, reason="Correction.")
    content = client.get(URL).content.decode()
    assert month_headers(content) == ["2026-02"]
    assert march.seal not in content


def test_no_closed_month_yet(client: Client, cast: Cast, april: datetime) -> None:
    build_march(cast, passed=2, failed=0)  # live figures exist but are never published
    content = client.get(f"{URL}?lang=en").content.decode()
    assert "No month has been closed yet" in content
    assert "data-month" not in content


def test_commitments_by_domain_in_french_by_default(
    client: Client, cast: Cast, april: datetime
) -> None:
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")  # the URL decides, not the header
    content = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in content
    version = telecom()
    commitment = version.commitments.select_related("domain").get(code="T3.1")
    assert commitment.title_fr in content
    assert f"{commitment.domain.number}. {commitment.domain.title_fr}" in content
    assert 'lang="en" hreflang="en">English</a>' in content
    assert "<h1>Nos engagements et leurs résultats</h1>" in content


def test_sealed_figures_in_french(client: Client, cast: Cast, april: datetime) -> None:
    build_march(cast, passed=3, failed=1)
    close(cast, 3)
    content = client.get(URL).content.decode()
    assert "75,00\u00a0%" in row_of(content, "T3.1-a")
    assert '<span class="badge missed">non atteint</span>' in row_of(content, "T3.1-a")
    assert '<span class="badge no-data">non mesuré</span>' in row_of(content, "T2.2-a")


def test_english_on_request(client: Client, cast: Cast, april: datetime) -> None:
    response = client.get(f"{URL}?scheme=telecom-2004&lang=en")
    content = response.content.decode()
    assert response["Content-Language"] == "en"
    assert "Our commitments and their results" in content
    commitment = telecom().commitments.get(code="T3.1")
    assert commitment.title_en in content
    assert commitment.title_fr not in content
    assert 'hreflang="fr">Français</a>' in content


def test_scheme_picker_and_unknown_scheme(client: Client, cast: Cast, april: datetime) -> None:
    content = client.get(f"{URL}?scheme=nf-x50-798&lang=en").content.decode()
    assert "Scheme nf-x50-798" in content
    assert '<option value="telecom-2004">' in content
    assert client.get(f"{URL}?scheme=nope").status_code == 404


def test_page_is_public_cacheable_and_the_same_for_everyone(
    client: Client, cast: Cast, april: datetime
) -> None:
    close(cast, 3)
    anonymous = client.get(URL)
    client.force_login(cast.supervisor)
    logged_in = client.get(URL)
    assert anonymous.content == logged_in.content
    assert "public" in anonymous["Cache-Control"]
    assert "max-age=300" in anonymous["Cache-Control"]
    assert not anonymous.cookies
    assert "Cookie" not in anonymous.get("Vary", "")
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()
    assert client.post(URL).status_code == 405


def test_fixed_number_of_queries(
    client: Client,
    cast: Cast,
    april: datetime,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    close(cast, 2)
    with django_assert_max_num_queries(7):
        client.get(URL)
    build_march(cast, passed=5, failed=5)
    close(cast, 3)
    with django_assert_max_num_queries(7):
        assert client.get(URL).status_code == 200


def test_login_page_links_to_the_public_page(client: Client, db: None) -> None:
    assert 'href="/public/results/"' in client.get("/login/").content.decode()
