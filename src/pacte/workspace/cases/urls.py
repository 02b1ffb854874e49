"""The case pages: home, the queue, the supervisor's teams, a customer's own cases, one
case, its actions and its attachments (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.cases import customer_facts, mediation_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("supervisor/", views.supervisor, name="supervisor"),
    path("my-cases/", views.my_cases, name="my_cases"),
    path("my-cases/<str:reference>/", views.my_case, name="my_case"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path(
        "cases/<int:pk>/facts/<slug:fact>/",
        customer_facts.customer_fact_change,
        name="customer_fact",
    ),
    path("cases/<int:pk>/<slug:action>/", views.case_act, name="case_act"),
    *mediation_views.mediation_urls(),
]
