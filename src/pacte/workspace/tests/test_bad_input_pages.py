"""Bad input on the HTML pages never gets a 500: the form says why, or a styled 400/404.

The inputs of issue 9, section 4, on the pages: a page number of 31 digits, months and
days near year 1 or 9999 on the compliance, closing, non-conformity and telephony
pages, a body over the size limit.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from pytest_django import Settings

from pacte.compliance.models import MonthClosing
from pacte.conftest import Cast
from pacte.nonconformities.models import NonConformity
from pacte.workspace.tests.conftest import login

OUT_OF_RANGE_MONTHS = ("0001-01", "1999-12", "2101-01", "9999-12")
OUT_OF_RANGE_DAYS = ("0001-01-01", "9999-12-31")


def styled(response: object) -> bool:
    return "errors/error.html" in [t.name for t in response.templates]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "path", ["/queue/", "/mailroom/", "/nonconformities/", "/compliance/T3.1-a/"]
)
def test_a_page_number_past_any_list_is_a_styled_404(
    client: Client, cast: Cast, frozen_now: datetime, path: str
) -> None:
    response = login(client, cast.supervisor).get(f"{path}?page=1000000000000000000000000000000")

    assert response.status_code == 404
    assert styled(response)


@pytest.mark.parametrize("month", OUT_OF_RANGE_MONTHS)
@pytest.mark.parametrize("path", ["/compliance/", "/compliance/T3.1-a/"])
def test_a_month_outside_the_supported_years_is_a_form_error(
    client: Client, cast: Cast, frozen_now: datetime, path: str, month: str
) -> None:
    response = login(client, cast.quality_manager).get(
        f"{path}?month={month}", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    error = response.content.decode().split('id="month-error"', 1)[1].split("</small>", 1)[0]
    assert "Dates must fall between the years 2000 and 2100." in error


@pytest.mark.parametrize("month", OUT_OF_RANGE_MONTHS)
def test_confirming_the_closing_of_a_month_outside_the_supported_years_is_a_styled_404(
    client: Client, cast: Cast, frozen_now: datetime, month: str
) -> None:
    response = login(client, cast.quality_manager).get(
        f"/compliance/closings/confirm/?month={month}"
    )

    assert response.status_code == 404
    assert styled(response)


@pytest.mark.parametrize("month", OUT_OF_RANGE_MONTHS)
def test_closing_a_month_outside_the_supported_years_closes_nothing(
    client: Client, cast: Cast, frozen_now: datetime, month: str
) -> None:
    response = login(client, cast.quality_manager).post(
        "/compliance/closings/close/", {"scheme": "telecom-2004", "month": month}
    )

    assert response.status_code == 404
    assert not MonthClosing.objects.exists()


@pytest.mark.parametrize("month", ["2000-01", "2100-12"])
def test_the_first_and_last_supported_months_show_the_dashboard(
    client: Client, cast: Cast, frozen_now: datetime, month: str
) -> None:
    # Given the first supported month, whose 12-month trend would reach back to 1999
    # When the dashboard shows it
    response = login(client, cast.quality_manager).get(f"/compliance/?month={month}")

    # Then it shows, its trend starting at 2000-01
    assert response.status_code == 200


@pytest.mark.parametrize("month", OUT_OF_RANGE_MONTHS)
def test_raising_a_nonconformity_for_a_month_outside_the_range_is_a_form_error(
    client: Client, cast: Cast, frozen_now: datetime, month: str
) -> None:
    response = login(client, cast.quality_manager).post(
        "/nonconformities/raise/",
        {"source": "audit_finding", "scheme": "telecom-2004", "month": month, "title": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code in (200, 400)
    assert "month" in response.context["form"].errors
    assert not NonConformity.objects.exists()


@pytest.mark.parametrize("day", OUT_OF_RANGE_DAYS)
def test_the_telephony_page_says_the_day_is_out_of_range(
    client: Client, cast: Cast, frozen_now: datetime, day: str
) -> None:
    response = login(client, cast.supervisor).get(
        f"/telephony/?day={day}", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code < 500
    assert "Dates must fall between the years 2000 and 2100." in response.content.decode()


@pytest.mark.parametrize("day", OUT_OF_RANGE_DAYS)
def test_the_evidence_form_refuses_month_0001_01(
    client: Client, cast: Cast, frozen_now: datetime, day: str
) -> None:
    response = login(client, cast.auditor).post(
        "/evidence/", {"scheme": "telecom-2004", "month": day[:7], "size": "5"}
    )

    assert response.status_code in (200, 400)
    assert "month" in response.context["form"].errors


def test_a_body_over_the_limit_is_the_styled_400_page(
    client: Client, cast: Cast, frozen_now: datetime, settings: Settings
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    login(client, cast.quality_manager)

    response = client.post("/nonconformities/raise/", {"description": "x" * 5000})

    assert response.status_code == 400
    assert styled(response)
    assert not NonConformity.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/public/results/?scheme=%00",
        "/compliance/?scheme=%00",
        "/compliance/T3.1-a/?scheme=%00",
        "/compliance/closings/confirm/?scheme=%00&month=2026-02",
        "/nonconformities/panel/?scheme=%00",
        "/contact/?customer=%00",
    ],
)
def test_a_nul_in_the_url_is_the_styled_400_page(
    client: Client, cast: Cast, frozen_now: datetime, path: str
) -> None:
    # Given an administrator (every page answers them), when a URL holds a NUL, which
    # PostgreSQL cannot take even in a lookup (a 500 there, a 404 on SQLite)
    response = login(client, cast.administrator).get(path, HTTP_ACCEPT_LANGUAGE="en")

    # Then the styled 400 page, whatever the database
    assert response.status_code == 400
    assert styled(response)


@pytest.mark.parametrize(
    "path",
    [
        "/compliance/%00/",
        "/contact/verify/%00/",
        "/my-cases/P%00/",
        "/schemes/telecom-2004/v1/indicators/T3.1-a%00/edit/",
    ],
)
def test_a_nul_in_the_path_names_no_page_the_styled_404(
    client: Client, cast: Cast, frozen_now: datetime, path: str
) -> None:
    response = login(client, cast.administrator).get(path)

    assert response.status_code == 404
    assert styled(response)


def test_a_nul_in_a_posted_form_is_the_styled_400_page_and_closes_nothing(
    client: Client, cast: Cast, frozen_now: datetime
) -> None:
    response = login(client, cast.quality_manager).post(
        "/compliance/closings/close/", {"scheme": "telecom-2004\x00", "month": "2026-02"}
    )

    assert response.status_code == 400
    assert styled(response)
    assert not MonthClosing.objects.exists()


def test_the_500_page_is_styled_and_needs_no_database(client: Client) -> None:
    from django.test import RequestFactory

    from pacte.config.error_views import server_error

    response = server_error(RequestFactory().get("/queue/"))

    assert response.status_code == 500
    assert b"Pacte" in response.content
