"""The mediator notice every answer to an appeal carries (T6.7), per scheme version."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import SchemeVersion


class MediatorNotice(models.Model):
    """The mediator's coordinates and the conditions to refer, for one scheme version.

    Appended to every answer to an appeal (``complaints.appeals.appeal_answer``) in the
    customer's language. Editable in the admin only while its version is a draft: the
    notice of an active or retired version is what was sent, and stays as it was.
    """

    # Part of the version's content, not a result that used it (commitments.catalogue).
    describes_version = True

    version = models.OneToOneField(
        SchemeVersion,
        on_delete=models.PROTECT,
        related_name="mediator_notice",
        verbose_name=_("scheme version"),
    )
    name = models.CharField(_("mediator"), max_length=200)
    postal_address = models.TextField(_("postal address"))
    website = models.CharField(_("website"), max_length=200)
    conditions_fr = models.TextField(_("conditions to refer (French)"))
    conditions_en = models.TextField(_("conditions to refer (English)"))

    class Meta:
        verbose_name = _("mediator notice")
        verbose_name_plural = _("mediator notices")
        ordering = ("version",)

    def __str__(self) -> str:
        return f"{self.name} ({self.version_id})"

    def text(self, language: str) -> str:
        """The notice as the customer reads it, in ``language`` (French unless "en")."""
        language = "en" if language.startswith("en") else "fr"
        conditions = self.conditions_en if language == "en" else self.conditions_fr
        with translation.override(language):
            heading = gettext(
                "If this answer does not satisfy you, you may refer the matter to the "
                "mediator, free of charge:"
            )
            conditions_heading = gettext("Conditions to refer:")
        address = "\n".join(line.strip() for line in self.postal_address.splitlines() if line)
        return "\n".join(
            [heading, self.name, address, self.website, "", conditions_heading, conditions]
        ).strip()
