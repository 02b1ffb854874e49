"""A refusal reads the same on the case page as through the API, in French and English."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from rest_framework.test import APIClient

from pacte.conftest import Cast
from pacte.workspace.tests.conftest import Cases, event_count, login

pytestmark = pytest.mark.django_db


def api_detail(cast: Cast, cases: Cases, language: str) -> str:
    api = APIClient(headers={"Accept-Language": language})
    api.force_authenticate(user=cast.agent)
    response = api.post(
        f"/api/cases/{cases.front.pk}/hand-off/",
        {"note": "see", "to_team": cast.back.code},
        format="json",
    )
    assert response.status_code == 400
    detail: str = response.json()["detail"]
    return detail


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Un transfert exige une note de contexte pour le conseiller suivant"),
        ("en", "A hand-off needs a context note for the next agent"),
    ],
)
def test_the_same_refusal_on_the_page_and_through_the_api(
    client: Client, cast: Cast, cases: Cases, language: str, expected: str
) -> None:
    # Given what the API says to a hand-off with too short a note, in this language
    detail = api_detail(cast, cases, language)
    assert detail.startswith(expected)
    before = event_count(cases.front)
    # When the agent does the same on the case page, in the same language
    response = login(client, cast.agent).post(
        reverse("workspace:case_act", args=[cases.front.pk, "hand-off"]),
        {"hand-off-to_team": cast.back.pk, "hand-off-note": "see"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    # Then the page shows the very same words, and nothing changed
    assert response.status_code == 200
    assert escape(detail) in response.content.decode()
    assert event_count(cases.front) == before
