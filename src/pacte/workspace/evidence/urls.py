"""Evidence packs: the list and request form, a pack, its progress and its files (names in
the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.evidence import views

urlpatterns = [
    path("evidence/", views.evidence_home, name="evidence"),
    path("evidence/<int:pk>/", views.evidence_pack, name="evidence_pack"),
    path(
        "evidence/<int:pk>/progress/",
        views.evidence_pack_progress,
        name="evidence_progress",
    ),
    path("evidence/<int:pk>/<slug:fmt>/", views.evidence_pack_file, name="evidence_file"),
]
