"""The error pages carry the navigation; the admin speaks French."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from pacte.config.error_views import server_error
from pacte.conftest import Cast
from pacte.workspace.tests.conftest import login


def test_a_refusal_and_a_missing_page_show_the_users_navigation(client: Client, cast: Cast) -> None:
    # Given a signed-in agent
    login(client, cast.agent)
    # When they open a page of another role and a page that does not exist
    refused = client.get("/compliance/")
    missing = client.get("/nowhere/")
    # Then both pages are styled, in French, with the agent's navigation
    for response, title in ((refused, "Accès refusé"), (missing, "Page introuvable")):
        html = response.content.decode()
        assert title in html
        assert 'href="/queue/"' in html
        assert "Se déconnecter" in html


def test_the_500_page_renders_without_the_database() -> None:
    # Given no database access at all (this test has no db fixture)
    request = RequestFactory().get("/somewhere/")
    # When the server error handler answers
    with translation.override("fr"):
        response = server_error(request)
    # Then the styled page shows, with the signed-out navigation
    html = response.content.decode()
    assert response.status_code == 500
    assert "Erreur du serveur" in html
    assert "Se déconnecter" not in html


@pytest.mark.django_db
def test_the_admin_titles_and_sections_are_in_french(client: Client, cast: Cast) -> None:
    # Given an administrator who may see every section of the admin
    cast.administrator.is_superuser = True
    cast.administrator.save(update_fields=["is_superuser"])
    login(client, cast.administrator)
    html = client.get("/admin/").content.decode()
    assert "Administration de Pacte" in html
    assert "Dossiers" in html
    assert "Utilisateurs et rôles" in html
    english = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pacte administration" in english
