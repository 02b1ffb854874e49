"""The compliance dashboard, its drill-down, and closing a month (names in the
``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.compliance import views

urlpatterns = [
    path("compliance/", views.compliance, name="compliance"),
    path("compliance/closings/close/", views.closing_close, name="closing_close"),
    path("compliance/closings/confirm/", views.closing_confirm, name="closing_confirm"),
    path("compliance/closings/<int:pk>/reopen/", views.closing_reopen, name="closing_reopen"),
    path(
        "compliance/closings/<int:pk>/compare/",
        views.closing_compare,
        name="closing_compare",
    ),
    path(
        "compliance/closings/tasks/<str:task_id>/",
        views.closing_task,
        name="closing_task",
    ),
    path("compliance/<str:code>/", views.compliance_drill, name="compliance_drill"),
]
