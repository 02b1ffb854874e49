"""The API's URLs: the case endpoints and the OpenAPI document."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from pacte.api import access as acc
from pacte.api import compliance_closings, compliance_reads, compliance_seals, facts, letters, views
from pacte.api import evidence as ev
from pacte.api import nonconformity_views as nc
from pacte.api import schemes as sch
from pacte.api import telephony as tel
from pacte.api import telephony_events as tel_events
from pacte.api import telephony_measures as tel_measures

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("cases/", views.CaseCollectionView.as_view(), name="api-cases"),
    path("cases/<int:case_id>/", views.CaseDetailView.as_view(), name="api-case"),
    path("cases/<int:case_id>/answer/", views.CaseAnswerView.as_view(), name="api-case-answer"),
    path(
        "cases/<int:case_id>/hand-off/", views.CaseHandOffView.as_view(), name="api-case-hand-off"
    ),
    path(
        "cases/<int:case_id>/commit-deadline/",
        views.CaseCommitDeadlineView.as_view(),
        name="api-case-commit-deadline",
    ),
    path("cases/<int:case_id>/close/", views.CaseCloseView.as_view(), name="api-case-close"),
    path("cases/<int:case_id>/reopen/", views.CaseReopenView.as_view(), name="api-case-reopen"),
    path(
        "compliance/results/", compliance_reads.ResultsView.as_view(), name="api-compliance-results"
    ),
    path(
        "compliance/indicators/<str:code>/verdicts/",
        compliance_reads.IndicatorVerdictsView.as_view(),
        name="api-compliance-verdicts",
    ),
    path(
        "compliance/closings/",
        compliance_closings.ClosingCollectionView.as_view(),
        name="api-compliance-closings",
    ),
    path(
        "compliance/closings/tasks/<str:task_id>/",
        compliance_closings.ClosingTaskView.as_view(),
        name="api-compliance-closing-task",
    ),
    path(
        "compliance/closings/<int:closing_id>/reopen/",
        compliance_closings.ClosingReopenView.as_view(),
        name="api-compliance-closing-reopen",
    ),
    path(
        "compliance/closings/<int:closing_id>/compare/",
        compliance_closings.ClosingCompareView.as_view(),
        name="api-compliance-closing-compare",
    ),
    path("compliance/seals/", compliance_seals.SealsView.as_view(), name="api-compliance-seals"),
    path("evidence-packs/", ev.EvidencePackCollectionView.as_view(), name="api-evidence-packs"),
    path(
        "evidence-packs/<int:pack_id>/",
        ev.EvidencePackDetailView.as_view(),
        name="api-evidence-pack",
    ),
    path(
        "evidence-packs/<int:pack_id>/xlsx/",
        ev.EvidencePackXlsxView.as_view(),
        name="api-evidence-pack-xlsx",
    ),
    path(
        "evidence-packs/<int:pack_id>/pdf/",
        ev.EvidencePackPdfView.as_view(),
        name="api-evidence-pack-pdf",
    ),
    path("nonconformities/", nc.NonConformityCollectionView.as_view(), name="api-ncs"),
    path("nonconformities/<int:nc_id>/", nc.NonConformityDetailView.as_view(), name="api-nc"),
    path("nonconformities/<int:nc_id>/cause/", nc.CauseView.as_view(), name="api-nc-cause"),
    path("nonconformities/<int:nc_id>/actions/", nc.PlanView.as_view(), name="api-nc-actions"),
    path(
        "nonconformities/<int:nc_id>/actions/<int:action_id>/complete/",
        nc.CompleteView.as_view(),
        name="api-nc-action-complete",
    ),
    path(
        "nonconformities/<int:nc_id>/actions/<int:action_id>/cancel/",
        nc.CancelView.as_view(),
        name="api-nc-action-cancel",
    ),
    path("nonconformities/<int:nc_id>/check/", nc.CheckView.as_view(), name="api-nc-check"),
    path("nonconformities/<int:nc_id>/close/", nc.CloseView.as_view(), name="api-nc-close"),
    path("telephony/staffing/", tel.StaffingPlanView.as_view(), name="api-telephony-staffing"),
    path(
        "telephony/measures/",
        tel_measures.TelephonyMeasuresView.as_view(),
        name="api-telephony-measures",
    ),
    path("access/", acc.AccessPageView.as_view(), name="api-access"),
    path("access/draft/", acc.AccessDraftView.as_view(), name="api-access-draft"),
    path("access/draft/publish/", acc.AccessPublishView.as_view(), name="api-access-publish"),
    path("telephony/events/", tel_events.CallEventsView.as_view(), name="api-telephony-events"),
    path(
        "telephony/queues/<str:name>/wait-estimate/",
        tel_events.WaitEstimateView.as_view(),
        name="api-telephony-wait-estimate",
    ),
    path("letters/", letters.LetterCollectionView.as_view(), name="api-letters"),
    path(
        "customers/<str:reference>/facts/",
        facts.CustomerFactsView.as_view(),
        name="api-customer-facts",
    ),
    path("motives/<slug:code>/facts/", facts.MotiveFactsView.as_view(), name="api-motive-facts"),
    path("schemes/", sch.SchemeListView.as_view(), name="api-schemes"),
    path(
        "schemes/<slug:code>/versions/<int:number>/",
        sch.SchemeVersionView.as_view(),
        name="api-scheme-version",
    ),
    path(
        "schemes/<slug:code>/versions/<int:number>/indicators/<str:indicator>/",
        sch.IndicatorEditView.as_view(),
        name="api-scheme-indicator",
    ),
    path(
        "schemes/<slug:code>/versions/<int:number>/commitments/<str:commitment>/",
        sch.CommitmentEditView.as_view(),
        name="api-scheme-commitment",
    ),
    path(
        "schemes/<slug:code>/versions/<int:number>/activate/",
        sch.VersionActivateView.as_view(),
        name="api-scheme-activate",
    ),
]
