"""The operations' endpoints."""

from django.urls import path

from pacte.api.operations import stolen

urlpatterns = [
    path("stolen-phones/", stolen.StolenPhoneCollectionView.as_view(), name="api-stolen-phones"),
    path(
        "stolen-phones/<str:reference>/",
        stolen.StolenPhoneView.as_view(),
        name="api-stolen-phone",
    ),
    path(
        "stolen-phones/<str:reference>/line-blocked/",
        stolen.LineBlockedView.as_view(),
        name="api-stolen-phone-line-blocked",
    ),
    path(
        "stolen-phones/<str:reference>/imei-blocked/",
        stolen.ImeiBlockedView.as_view(),
        name="api-stolen-phone-imei-blocked",
    ),
    path(
        "stolen-phones/<str:reference>/unblock/",
        stolen.UnblockView.as_view(),
        name="api-stolen-phone-unblock",
    ),
]
