"""/api/docs/ works offline: Swagger UI comes from our static files, nothing from a CDN."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders

from pacte.api.tests.conftest import ClientFor
from pacte.conftest import Cast

LOCAL = "/static/vendor/swagger-ui/"


def test_docs_page_references_only_local_static_files(cast: Cast, client_for: ClientFor) -> None:
    # when an API user opens the docs page
    response = client_for(cast.agent).get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    # then every script, style sheet and icon is one of our static files, installed
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert {ref.rsplit("/", 1)[1] for ref in references} == {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "favicon-32x32.png",
    }
    for reference in references:
        assert reference.startswith(LOCAL), reference
        assert finders.find(reference.removeprefix("/static/")), reference
    # and nothing else is fetched from another site (no CDN, no online validator)
    assert "://" not in html
    assert '"validatorUrl": null' in html
