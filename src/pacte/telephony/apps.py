from django.apps import AppConfig


class TelephonyConfig(AppConfig):
    name = "pacte.telephony"
    label = "telephony"
    verbose_name = "Telephony"
