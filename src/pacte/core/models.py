"""Pacte's user: a Django user with one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.core.permissions import Action, role_may
from pacte.core.roles import Role


class User(AbstractUser):
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.CUSTOMER, db_index=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Held by integrations only (the ACD, a mail gateway, an import of history): they
        # may date an event earlier than the server's clock, within the window
        # (pacte.core.instants); such events are marked late-recorded.
        permissions = [
            ("record_past_instants", _("Can record events that happened earlier (integrations)")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_pacte_staff(self) -> bool:
        return role_may(self.role, Action.WORKSPACE_USE)

    @property
    def sees_all_cases(self) -> bool:
        return role_may(self.role, Action.CASE_READ_ALL)

    @property
    def writes_cases(self) -> bool:
        return role_may(self.role, Action.CASE_WRITE)
