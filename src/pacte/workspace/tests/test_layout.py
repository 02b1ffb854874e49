"""The layout: login page, role-aware navigation, language switch, logout, static files."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pacte.conftest import Cast
from pacte.workspace.tests.conftest import Cases, client_for, login

pytestmark = pytest.mark.django_db


def test_login_page_renders_in_french_by_default(client: Client) -> None:
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Se connecter" in content
    assert 'name="username"' in content


def test_login_takes_an_agent_to_the_queue(client: Client, cast: Cast) -> None:
    response = client.post(
        reverse("login"),
        {"username": "agent", "password": "pacte-test-password"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("workspace:queue")


def test_language_switch_renders_english(client: Client, cast: Cast, cases: Cases) -> None:
    # Given an agent reading the queue in French (the default)
    client = login(client, cast.agent)
    assert "File d\u2019attente" in client.get(reverse("workspace:queue")).content.decode()
    # When they switch to English
    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": reverse("workspace:queue")},
        follow=True,
    )
    # Then the page comes back in English
    content = response.content.decode().replace("\u00a0", " ")
    assert '<html lang="en">' in content
    assert "Queue" in content
    assert "due Wed 23:59, 1 business day left" in content
    assert 'value="fr"' in content  # the switch back to French


@pytest.mark.parametrize(
    ("role", "queue", "teams", "admin"),
    [
        ("agent", True, False, False),
        ("supervisor", True, True, False),
        ("auditor", True, True, False),
        ("administrator", True, True, True),
        ("customer_user", False, False, False),
    ],
)
def test_navigation_is_role_aware(
    client: Client, cast: Cast, role: str, queue: bool, teams: bool, admin: bool
) -> None:
    client = client_for(client, cast, role)
    page = "workspace:queue" if queue else "workspace:my_cases"
    content = client.get(reverse(page)).content.decode()
    assert (f'href="{reverse("workspace:queue")}"' in content) == queue
    assert (f'href="{reverse("workspace:supervisor")}"' in content) == teams
    assert (f'href="{reverse("admin:index")}"' in content) == admin
    assert f'action="{reverse("logout")}"' in content


def test_logout_is_a_post(client: Client, cast: Cast) -> None:
    client = login(client, cast.agent)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("workspace:queue")).status_code == 302


def test_layout_uses_local_static_files(client: Client, cast: Cast) -> None:
    content = login(client, cast.agent).get(reverse("workspace:queue")).content.decode()
    assert "/static/vendor/pico.min.css" in content
    assert "/static/vendor/htmx.min.js" in content
    assert "/static/pacte/pacte.css" in content
    assert "https://" not in content
