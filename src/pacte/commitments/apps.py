from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "pacte.commitments"
    label = "commitments"
    verbose_name = _("Commitment schemes")

    def ready(self) -> None:
        """Clear the cached rules whenever a version, commitment or rule is written."""
        from pacte.commitments.selectors import rules_cache_clear

        for name in ("SchemeVersion", "Commitment", "DeadlineRule"):
            model = self.get_model(name)
            for event, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    rules_cache_clear,
                    sender=model,
                    dispatch_uid=f"commitments.rules_cache.{name}.{event}",
                )
