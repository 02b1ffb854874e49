"""Every error's ``detail`` is in the request's language (Accept-Language), its ``code``
is the same in every language: domain refusals, 401, 403, 404, parse errors, too large."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from pacte.cases.models import Case
from pacte.conftest import Cast
from pacte.core.models import User


def client(language: str, user: User | None = None) -> APIClient:
    api = APIClient(headers={"Accept-Language": language})
    if user is not None:
        api.force_authenticate(user=user)
    return api


def refusal(response: Any) -> tuple[int, str, str]:
    body = response.json()
    return response.status_code, body["code"], body["detail"]


HAND_OFF = {"note": "short", "to_team": "back"}


def test_a_domain_refusal_in_french_and_in_english(cast: Cast, case: Case) -> None:
    url = f"/api/cases/{case.pk}/hand-off/"

    french = refusal(client("fr", cast.agent).post(url, HAND_OFF, format="json"))
    english = refusal(client("en", cast.agent).post(url, HAND_OFF, format="json"))

    assert french == (
        400,
        "hand_off_note_required",
        "Un transfert exige une note de contexte pour le conseiller suivant "
        "(au moins 10 caractères).",
    )
    assert english == (
        400,
        "hand_off_note_required",
        "A hand-off needs a context note for the next agent (at least 10 characters).",
    )


def test_a_read_only_role_is_refused_in_its_language(cast: Cast, case: Case) -> None:
    url = f"/api/cases/{case.pk}/hand-off/"
    body = {"note": "Billing question for the back office.", "to_team": "back"}

    french = refusal(client("fr", cast.auditor).post(url, body, format="json"))
    english = refusal(client("en", cast.auditor).post(url, body, format="json"))

    assert french == (
        403,
        "read_only_role",
        "Votre rôle permet de lire ce dossier, pas de le modifier.",
    )
    assert english == (403, "read_only_role", "Your role may read this case but not change it.")


def test_a_case_one_may_not_see_is_a_404_in_both_languages(cast: Cast, case: Case) -> None:
    url = f"/api/cases/{case.pk}/"

    assert refusal(client("fr", cast.other_agent).get(url)) == (
        404,
        "case_not_found",
        "Ce dossier n\u2019existe pas.",
    )
    assert refusal(client("en", cast.other_agent).get(url)) == (
        404,
        "case_not_found",
        "No such case.",
    )


@pytest.mark.django_db
def test_not_authenticated_follows_the_language() -> None:
    french = refusal(client("fr").get("/api/cases/"))
    english = refusal(client("en").get("/api/cases/"))

    assert french[:2] == english[:2] == (401, "not_authenticated")
    assert english[2] == "Authentication credentials were not provided."
    assert french[2] != english[2]
    assert "authentification" in french[2]


def test_a_parse_error_follows_the_language(cast: Cast, case: Case) -> None:
    url = f"/api/cases/{case.pk}/hand-off/"

    def post(language: str) -> tuple[int, str, str]:
        response = client(language, cast.agent).post(
            url, data="{not json", content_type="application/json"
        )
        return refusal(response)

    french, english = post("fr"), post("en")

    assert french[:2] == english[:2] == (400, "parse_error")
    assert english[2].startswith("The body is not valid JSON: Expecting property name")
    assert french[2].startswith(
        "Le corps n\u2019est pas du JSON valide\u00a0: Expecting property name"
    )
