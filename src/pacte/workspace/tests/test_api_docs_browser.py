"""/api/docs/ in a real headless Chromium with every request off this server refused:
Swagger UI still draws the API, nothing comes from a CDN (here, beside the browser
fixtures of workspace/tests/conftest.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from pacte.core.roles import Role
from pacte.factories import PASSWORD, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_api_docs_page_draws_the_api_without_internet(live_server: Any, page: Page) -> None:
    # Given an agent, and a browser that may reach only this server
    UserFactory.create(username="docs", role=Role.AGENT)
    local = urlsplit(live_server.url).netloc
    outside: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill("docs")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    # When the agent opens the API docs
    page.goto(f"{live_server.url}/api/docs/")
    # Then Swagger UI draws the API's title and its operations, and asked nothing outside
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Pacte API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert outside == []
