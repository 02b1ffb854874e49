"""The API's browsable page, Swagger UI, served from our own static files.

``bin/vendor-static.sh`` installs ``swagger-ui-dist`` (pinned in frontend/package.json)
into ``static/vendor/swagger-ui`` at set-up, as it does Chart.js and Pico; the page
then loads nothing from another site and works offline.
"""

from __future__ import annotations

from django.templatetags.static import static
from drf_spectacular.views import SpectacularSwaggerView

VENDOR = "vendor/swagger-ui"


class SwaggerView(SpectacularSwaggerView):
    """drf-spectacular's Swagger page with its files from ``static/vendor/swagger-ui``."""

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return static(f"{VENDOR}/{filename}")

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return static(f"{VENDOR}/favicon-32x32.png")
