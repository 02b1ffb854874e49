"""The API's URLs: each topic's, and the OpenAPI document (``common``)."""

from django.urls import include, path

urlpatterns = [
    path("", include("pacte.api.common.urls")),
    path("", include("pacte.api.cases.urls")),
    path("", include("pacte.api.compliance.urls")),
    path("", include("pacte.api.evidence.urls")),
    path("", include("pacte.api.nonconformities.urls")),
    path("", include("pacte.api.telephony.urls")),
    path("", include("pacte.api.access.urls")),
    path("", include("pacte.api.intake.urls")),
    path("", include("pacte.api.facts.urls")),
    path("", include("pacte.api.commitments.urls")),
    path("", include("pacte.api.complaints.mediation_urls")),
    path("", include("pacte.api.complaints.urls")),
    path("", include("pacte.api.contracts.urls")),
    path("", include("pacte.api.disputes.urls")),
    path("", include("pacte.api.operations.urls")),
]
