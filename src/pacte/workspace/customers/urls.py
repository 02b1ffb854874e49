"""The customer's own pages beyond the read-only case (names in ``workspace``): login by
emailed link, a new complaint or bill dispute, a message and a rating on their case.

Included before the cases topic: ``my-cases/new/`` would also match its
``my-cases/<reference>/``."""

from django.urls import path

from pacte.workspace.customers import login_views, views

urlpatterns = [
    path("login/link/", login_views.login_link_ask, name="login_link"),
    path("login/link/sent/", login_views.login_link_sent, name="login_link_sent"),
    path("login/link/<str:token>/", login_views.login_link_follow, name="login_link_follow"),
    path("my-cases/new/", views.my_case_new, name="my_case_new"),
    path("my-cases/<str:reference>/add/", views.my_case_follow_up, name="my_case_follow_up"),
    path("my-cases/<str:reference>/rate/<int:answer>/", views.my_case_rate, name="my_case_rate"),
]
