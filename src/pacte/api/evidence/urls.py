"""The evidence-pack endpoints: request a pack, follow it, download its files."""

from django.urls import path

from pacte.api.evidence import views

urlpatterns = [
    path("evidence-packs/", views.EvidencePackCollectionView.as_view(), name="api-evidence-packs"),
    path(
        "evidence-packs/<int:pack_id>/",
        views.EvidencePackDetailView.as_view(),
        name="api-evidence-pack",
    ),
    path(
        "evidence-packs/<int:pack_id>/xlsx/",
        views.EvidencePackXlsxView.as_view(),
        name="api-evidence-pack-xlsx",
    ),
    path(
        "evidence-packs/<int:pack_id>/pdf/",
        views.EvidencePackPdfView.as_view(),
        name="api-evidence-pack-pdf",
    ),
]
