from django.apps import AppConfig


class BusinessCalendarConfig(AppConfig):
    name = "pacte.business_calendar"
    label = "business_calendar"
    verbose_name = "Business calendar"
