"""The complaint chain's actions (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.complaints import views

urlpatterns = [
    path("complaints/<int:pk>/appeal/", views.agent_appeal, name="agent_appeal"),
    path("complaints/<int:pk>/written-form/", views.written_form, name="written_form"),
    path("my-cases/<str:reference>/appeal/", views.my_case_appeal, name="my_case_appeal"),
]
