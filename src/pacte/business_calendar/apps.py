from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BusinessCalendarConfig(AppConfig):
    name = "pacte.business_calendar"
    label = "business_calendar"
    verbose_name = _("Business calendar")
