"""Pacte's URL map: the interface apps, the admin, authentication and the API."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

# The admin speaks the user's language, like every other page.
admin.site.site_header = _("Pacte administration")
admin.site.site_title = _("Pacte administration")
admin.site.index_title = _("Data administration")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("pacte.api.urls")),
    path("public/", include("pacte.portal.urls")),
    path("", include("pacte.workspace.urls")),
]

handler400 = "pacte.config.error_views.bad_request"
handler403 = "pacte.config.error_views.permission_denied"
handler404 = "pacte.config.error_views.page_not_found"
handler500 = "pacte.config.error_views.server_error"
