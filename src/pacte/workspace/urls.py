"""The workspace's pages: the queue, a case and its actions, the supervisor's teams,
the compliance dashboard."""

from django.urls import path

from pacte.workspace import case_views, compliance_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("supervisor/", views.supervisor, name="supervisor"),
    path("compliance/", compliance_views.compliance, name="compliance"),
    path("compliance/<str:code>/", compliance_views.compliance_drill, name="compliance_drill"),
    path("my-cases/", views.my_cases, name="my_cases"),
    path("cases/<int:pk>/", case_views.case_detail, name="case"),
    path("cases/<int:pk>/<slug:action>/", case_views.case_act, name="case_act"),
]
