from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NonconformitiesConfig(AppConfig):
    name = "pacte.nonconformities"
    label = "nonconformities"
    verbose_name = _("Non-conformities")
