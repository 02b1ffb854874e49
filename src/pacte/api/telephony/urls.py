"""The telephony endpoints: staffing plan, measures, ACD/IVR events, wait estimates."""

from django.urls import path

from pacte.api.telephony import views

urlpatterns = [
    path("telephony/staffing/", views.StaffingPlanView.as_view(), name="api-telephony-staffing"),
    path(
        "telephony/measures/",
        views.TelephonyMeasuresView.as_view(),
        name="api-telephony-measures",
    ),
    path("telephony/events/", views.CallEventsView.as_view(), name="api-telephony-events"),
    path(
        "telephony/queues/<str:name>/wait-estimate/",
        views.WaitEstimateView.as_view(),
        name="api-telephony-wait-estimate",
    ),
]
