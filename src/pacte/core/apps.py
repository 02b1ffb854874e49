from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pacte.core"
    label = "core"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from pacte.core.db_guard import install_after_migrate, register_sqlite_flag

        connection_created.connect(register_sqlite_flag, dispatch_uid="pacte_sqlite_flag")
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="pacte_guards")
