"""What the API itself stores: the responses remembered for idempotent requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.core.permissions import INTAKE_PERMISSION as INTAKE_PERMISSION


class IdempotencyKey(models.Model):
    """The first response to a request sent with an ``Idempotency-Key`` header.

    Keyed by (user, key). ``request_hash`` fingerprints the method, path and body so a
    replay of the key with another request is refused. The row is written in the same
    transaction as what the request created, so a committed row always has a response.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(_("key"), max_length=255)
    request_hash = models.CharField(_("request hash"), max_length=64)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=300)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=("user", "key"), name="api_idempotency_user_key"),
        ]
        indexes = [models.Index(fields=("created_at",), name="api_idempotency_created")]
        # Held by integration users (IVR/ACD, email gateway, web form, mail room):
        # they open cases on any channel for any team.
        permissions = [
            ("intake_cases", _("Can open cases on any channel through the API")),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
