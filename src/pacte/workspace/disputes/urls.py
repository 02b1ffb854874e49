"""The bill-dispute actions of the case page (names in the ``workspace`` namespace)."""

from django.urls import path

from pacte.workspace.disputes import views

urlpatterns = [
    path("cases/<int:pk>/dispute/assessment/", views.assessment, name="dispute_assessment"),
    path("cases/<int:pk>/dispute/correction/", views.correction, name="dispute_correction"),
]
