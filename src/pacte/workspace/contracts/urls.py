"""Contract-acceptance pages (staff) and the point-of-sale pages (distributors)."""

from django.urls import path

from pacte.workspace.contracts import shop_views, views

urlpatterns = [
    path("acceptance/new/", views.acceptance_new, name="acceptance_new"),
    path(
        "acceptance/<int:pk>/<slug:what>/",
        views.notice_record,
        name="acceptance_notice",
    ),
    path("shop/", shop_views.shop_home, name="shop"),
    path("shop/new/acceptance/", shop_views.shop_acceptance_new, name="shop_acceptance_new"),
    path("shop/new/request/", shop_views.shop_request_new, name="shop_request_new"),
    path("shop/cases/<str:reference>/", shop_views.shop_case, name="shop_case"),
    path(
        "shop/cases/<str:reference>/message/",
        shop_views.shop_case_message,
        name="shop_case_message",
    ),
]
