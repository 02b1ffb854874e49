"""The compliance endpoints: results and verdicts, closings, seals."""

from django.urls import path

from pacte.api.compliance import views

urlpatterns = [
    path("compliance/results/", views.ResultsView.as_view(), name="api-compliance-results"),
    path(
        "compliance/indicators/<str:code>/verdicts/",
        views.IndicatorVerdictsView.as_view(),
        name="api-compliance-verdicts",
    ),
    path(
        "compliance/closings/",
        views.ClosingCollectionView.as_view(),
        name="api-compliance-closings",
    ),
    path(
        "compliance/closings/tasks/<str:task_id>/",
        views.ClosingTaskView.as_view(),
        name="api-compliance-closing-task",
    ),
    path(
        "compliance/closings/<int:closing_id>/reopen/",
        views.ClosingReopenView.as_view(),
        name="api-compliance-closing-reopen",
    ),
    path(
        "compliance/closings/<int:closing_id>/compare/",
        views.ClosingCompareView.as_view(),
        name="api-compliance-closing-compare",
    ),
    path("compliance/seals/", views.SealsView.as_view(), name="api-compliance-seals"),
]
