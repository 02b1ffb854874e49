"""The workspace's pages, one ``urls.py`` per topic; every name is ``workspace:<name>``.

The topics' routes are disjoint, so the order of the includes decides nothing; within a
topic, a fixed route comes before the pattern it would also match
(``evidence/<pk>/progress/`` before ``evidence/<pk>/<fmt>/``).
"""

from django.urls import include, path

app_name = "workspace"

urlpatterns = [
    # Before cases: its my-cases/<reference>/ would also match my-cases/new/.
    path("", include("pacte.workspace.customers.urls")),
    path("", include("pacte.workspace.cases.urls")),
    path("", include("pacte.workspace.facts.urls")),
    path("", include("pacte.workspace.intake.urls")),
    path("", include("pacte.workspace.mail.urls")),
    path("", include("pacte.workspace.telephony.urls")),
    path("", include("pacte.workspace.compliance.urls")),
    path("", include("pacte.workspace.nonconformities.urls")),
    path("", include("pacte.workspace.evidence.urls")),
    path("", include("pacte.workspace.commitments.urls")),
    path("", include("pacte.workspace.access.urls")),
    path("", include("pacte.workspace.complaints.urls")),
    path("", include("pacte.workspace.contracts.urls")),
    path("", include("pacte.workspace.disputes.urls")),
    path("", include("pacte.workspace.operations.urls")),
]
