"""The scheme pages: versions, one version, its activation and the quality manager's edits
(names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.commitments import views

urlpatterns = [
    path("schemes/", views.scheme_list, name="schemes"),
    path("schemes/<slug:code>/v<int:number>/", views.scheme_version, name="scheme_version"),
    path(
        "schemes/<slug:code>/v<int:number>/activate/",
        views.version_activate,
        name="scheme_activate",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/commitments/<str:item>/edit/",
        views.commitment_edit,
        name="scheme_commitment_edit",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/commitments/<str:item>/requirements/add/",
        views.requirement_add,
        name="scheme_requirement_add",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/requirements/<str:item>/edit/",
        views.requirement_edit,
        name="scheme_requirement_edit",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/requirements/<str:item>/remove/",
        views.requirement_remove,
        name="scheme_requirement_remove",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/indicators/<str:item>/edit/",
        views.indicator_edit,
        name="scheme_indicator_edit",
    ),
    path(
        "schemes/<slug:code>/v<int:number>/rules/<int:pk>/edit/",
        views.rule_edit,
        name="scheme_rule_edit",
    ),
]
