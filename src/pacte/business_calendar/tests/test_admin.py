"""The calendar admin: list, change page with its days, and validation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pacte.business_calendar.models import Calendar, CalendarDay
from pacte.business_calendar.selectors import calendar_by_code

pytestmark = pytest.mark.django_db


def change_form(calendar: Calendar, **overrides: Any) -> dict[str, Any]:
    form = {
        "code": calendar.code,
        "name": calendar.name,
        "timezone": calendar.timezone,
        "weekmask": calendar.weekmask,
        "opening_time": "08:30",
        "closing_time": "18:00",
        "holiday_source": calendar.holiday_source,
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-day": "2026-05-15",
        "days-0-kind": "closed",
        "days-0-label": "Pont de l'Ascension",
    }
    return form | overrides


def test_admin_lists_the_calendars(admin_client: Client) -> None:
    response = admin_client.get(reverse("admin:business_calendar_calendar_changelist"))
    assert response.status_code == 200
    assert b"FR-AM" in response.content


def test_admin_adds_a_closure_and_bumps_the_version(admin_client: Client) -> None:
    calendar = calendar_by_code(code="FR")
    url = reverse("admin:business_calendar_calendar_change", args=[calendar.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, change_form(calendar))
    assert response.status_code == 302
    assert CalendarDay.objects.get(calendar=calendar).label == "Pont de l'Ascension"
    assert Calendar.objects.get(pk=calendar.pk).updated_at > calendar.updated_at


@pytest.mark.parametrize(
    ("field", "value"), [("timezone", "Europe/Pariss"), ("weekmask", "0000000")]
)
def test_admin_refuses_a_calendar_that_cannot_count(
    admin_client: Client, field: str, value: str
) -> None:
    calendar = calendar_by_code(code="FR")
    url = reverse("admin:business_calendar_calendar_change", args=[calendar.pk])
    response = admin_client.post(url, change_form(calendar, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not CalendarDay.objects.exists()
