"""The mediator notices in the admin: editable while their scheme version is a draft."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest

from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.complaints.models import MediatorNotice


@admin.register(MediatorNotice)
class MediatorNoticeAdmin(admin.ModelAdmin[MediatorNotice]):
    """An active or retired version's notice is what customers were sent: read-only.
    A new notice is added for a draft version only."""

    list_display = ("version", "name", "website")
    list_select_related = ("version__scheme",)

    def has_change_permission(
        self, request: HttpRequest, obj: MediatorNotice | None = None
    ) -> bool:
        if obj is not None and obj.version.status != VersionStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: MediatorNotice | None = None
    ) -> bool:
        if obj is not None and obj.version.status != VersionStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "version":
            kwargs["queryset"] = SchemeVersion.objects.filter(status=VersionStatus.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
