"""The workspace's pages: the queue, a case and its actions, the supervisor's teams,
the compliance dashboard."""

from django.urls import path

from pacte.workspace import access_page_views as ap
from pacte.workspace import attachment_views as att_views
from pacte.workspace import (
    case_views,
    closing_views,
    compliance_views,
    evidence_views,
    fact_views,
    views,
)
from pacte.workspace import mail_views as mv
from pacte.workspace import mailroom_views as mr_views
from pacte.workspace import nonconformity_views as nc_views
from pacte.workspace import scheme_views as sv
from pacte.workspace import staffing_views as st
from pacte.workspace import telephony_views as tv

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("supervisor/", views.supervisor, name="supervisor"),
    path("compliance/", compliance_views.compliance, name="compliance"),
    path("compliance/closings/close/", closing_views.closing_close, name="closing_close"),
    path("compliance/closings/confirm/", closing_views.closing_confirm, name="closing_confirm"),
    path(
        "compliance/closings/<int:pk>/reopen/", closing_views.closing_reopen, name="closing_reopen"
    ),
    path(
        "compliance/closings/<int:pk>/compare/",
        closing_views.closing_compare,
        name="closing_compare",
    ),
    path(
        "compliance/closings/tasks/<str:task_id>/",
        closing_views.closing_task,
        name="closing_task",
    ),
    path("compliance/<str:code>/", compliance_views.compliance_drill, name="compliance_drill"),
    path("evidence/", evidence_views.evidence_home, name="evidence"),
    path("evidence/<int:pk>/", evidence_views.evidence_pack, name="evidence_pack"),
    path(
        "evidence/<int:pk>/progress/",
        evidence_views.evidence_pack_progress,
        name="evidence_progress",
    ),
    path("evidence/<int:pk>/<slug:fmt>/", evidence_views.evidence_pack_file, name="evidence_file"),
    path("nonconformities/", nc_views.nc_list, name="nonconformities"),
    path("nonconformities/raise/", nc_views.nc_raise, name="nonconformity_raise"),
    path("nonconformities/panel/", nc_views.nc_panel, name="nonconformity_panel"),
    path("nonconformities/<int:pk>/", nc_views.nc_detail, name="nonconformity"),
    path(
        "nonconformities/<int:pk>/<slug:step>/",
        nc_views.nc_act,
        name="nonconformity_act",
    ),
    path("schemes/", sv.scheme_list, name="schemes"),
    path("schemes/<slug:code>/v<int:number>/", sv.scheme_version, name="scheme_version"),
    path(
        "schemes/<slug:code>/v<int:number>/activate/",
        sv.version_activate,
        name="scheme_activate",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/commitments/<str:item>/edit/",
        sv.commitment_edit,
        name="scheme_commitment_edit",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/commitments/<str:item>/requirements/add/",
        sv.requirement_add,
        name="scheme_requirement_add",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/requirements/<str:item>/edit/",
        sv.requirement_edit,
        name="scheme_requirement_edit",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/requirements/<str:item>/remove/",
        sv.requirement_remove,
        name="scheme_requirement_remove",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/indicators/<str:item>/edit/",
        sv.indicator_edit,
        name="scheme_indicator_edit",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/rules/<int:pk>/edit/",
        sv.rule_edit,
        name="scheme_rule_edit",
    ),
    path("staffing/", st.staffing, name="staffing"),
    path("telephony/", tv.telephony, name="telephony"),
    path("wallboard/", tv.wallboard_page, name="wallboard"),
    path("wallboard/panel/", tv.wallboard_panel, name="wallboard_panel"),
    path("access-page/", ap.access_page_home, name="access_page"),
    path("access-page/preview/", ap.access_page_preview, name="access_page_preview"),
    path("access-page/publish/", ap.access_page_publish, name="access_page_publish"),
    path("access-page/footer/", ap.footer_edit, name="access_page_footer"),
    path("access-page/<slug:part>/add/", ap.entry_add, name="access_page_add"),
    path("access-page/<slug:part>/<int:pk>/edit/", ap.entry_edit, name="access_page_edit"),
    path("access-page/<slug:part>/<int:pk>/remove/", ap.entry_remove, name="access_page_remove"),
    path("my-cases/", views.my_cases, name="my_cases"),
    path("mailroom/", mr_views.mailroom, name="mailroom"),
    path("mailroom/senders/", mr_views.mailroom_senders, name="mailroom_senders"),
    path("attachments/<int:pk>/", att_views.attachment_download, name="attachment"),
    path("cases/<int:pk>/", case_views.case_detail, name="case"),
    path(
        "cases/<int:pk>/facts/<slug:fact>/",
        fact_views.customer_fact_change,
        name="customer_fact",
    ),
    path("cases/<int:pk>/<slug:action>/", case_views.case_act, name="case_act"),
    path("motives/", fact_views.motive_list, name="motives"),
    path(
        "motives/<slug:code>/facts/<slug:fact>/",
        fact_views.motive_fact_change,
        name="motive_fact",
    ),
    path("mail/quarantine/", mv.quarantine, name="mail_quarantine"),
    path("mail/quarantine/<int:pk>/", mv.quarantined, name="mail_quarantined"),
    path(
        "mail/quarantine/<int:pk>/retry/",
        mv.quarantine_retry,
        name="mail_quarantine_retry",
    ),
]
