"""The OpenAPI document and its browsable page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from pacte.api.common.docs import SwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
