"""Admin for commitment schemes: versions with their domains and commitments, and
commitments with their requirements, indicators and deadline rules.

Only a draft version is edited here, in place, with its domains, commitments,
requirements, indicators and deadline rules; an active or retired version is
read-only, as results rest on it. "Copy as a new draft" goes through
``editing.version_copy_as_draft`` (the quality manager's, recorded as a SchemeEvent).
Activation is not offered here: it needs the date the version applies from and is done
on the workspace's scheme page (``editing.version_activate``, with its checks and event).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import ForeignKey, Model, QuerySet
from django.forms import BaseInlineFormSet, ModelChoiceField, ModelForm
from django.http import HttpRequest

from pacte.commitments.editing import version_copy_as_draft
from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Domain,
    Indicator,
    Requirement,
    Scheme,
    SchemeEvent,
    SchemeVersion,
    VersionStatus,
)
from pacte.core.errors import PacteError
from pacte.core.models import User


class DomainChoiceField(ModelChoiceField[Domain]):
    def label_from_instance(self, obj: Domain) -> str:
        return f"{obj.version} / {obj}"


def is_draft(obj: Model | None) -> bool:
    """Whether ``obj`` (a version, or a row of a version) may still be edited: a draft's."""
    if obj is None:
        return True
    version = obj if isinstance(obj, SchemeVersion) else getattr(obj, "version", None)
    return isinstance(version, SchemeVersion) and version.status == VersionStatus.DRAFT


class DraftOnlyInline(InlineModelAdmin[Any, Any]):
    """Rows under a version (or under a commitment) change only while it is a draft."""

    def has_add_permission(self, request: HttpRequest, obj: Any) -> bool:  # type: ignore[override]
        return is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_draft(obj) and super().has_delete_permission(request, obj)


class SchemeVersionInline(admin.TabularInline[SchemeVersion, Scheme]):
    """The scheme's versions, to open; a version is added by copying one (see above)."""

    model = SchemeVersion
    fields = ("number", "status", "valid_from")
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Scheme | None) -> bool:  # type: ignore[override]
        return False

    def has_change_permission(self, request: HttpRequest, obj: Scheme | None = None) -> bool:  # type: ignore[override]
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Scheme | None = None) -> bool:  # type: ignore[override]
        return False


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin[Scheme]):
    list_display = ("code", "title_fr", "title_en")
    search_fields = ("code", "title_fr", "title_en")
    inlines = (SchemeVersionInline,)


class DomainInline(DraftOnlyInline, admin.TabularInline[Domain, SchemeVersion]):
    model = Domain
    extra = 0


class VersionCommitmentInline(DraftOnlyInline, admin.TabularInline[Commitment, SchemeVersion]):
    model = Commitment
    fields = ("code", "domain", "title_en", "owner_role", "control_frequency", "active")
    extra = 0
    show_change_link = True

    def get_formset(
        self, request: HttpRequest, obj: SchemeVersion | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet[Commitment, SchemeVersion, Any]]:
        """Offer only the domains of the version being edited."""
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("domain")
        if isinstance(field, ModelChoiceField):
            field.queryset = Domain.objects.filter(version=obj) if obj else Domain.objects.none()
        return formset


@admin.register(SchemeVersion)
class SchemeVersionAdmin(admin.ModelAdmin[SchemeVersion]):
    list_display = ("scheme", "number", "status", "valid_from", "created_at")
    list_filter = ("status", "scheme")
    list_select_related = ("scheme",)
    readonly_fields = ("status", "created_at")
    inlines = (DomainInline, VersionCommitmentInline)
    actions = ("copy_as_draft",)

    def has_change_permission(self, request: HttpRequest, obj: SchemeVersion | None = None) -> bool:
        return is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: SchemeVersion | None = None) -> bool:
        return is_draft(obj) and super().has_delete_permission(request, obj)

    @admin.action(description="Copy as a new draft version")
    def copy_as_draft(self, request: HttpRequest, queryset: QuerySet[SchemeVersion]) -> None:
        actor = request.user
        if not isinstance(actor, User):  # pragma: no cover - the admin requires a login
            return
        for version in queryset.select_related("scheme"):
            try:
                draft = version_copy_as_draft(version=version, actor=actor)
            except PacteError as error:
                self.message_user(request, error.message, messages.ERROR)
                return
            self.log_addition(request, draft, f"Copied from version {version.number}.")
            self.message_user(request, f"Created {draft} as a draft.")


class RequirementInline(DraftOnlyInline, admin.TabularInline[Requirement, Commitment]):
    model = Requirement
    extra = 0


class IndicatorInline(DraftOnlyInline, admin.StackedInline[Indicator, Commitment]):
    model = Indicator
    extra = 0


class DeadlineRuleInline(DraftOnlyInline, admin.TabularInline[DeadlineRule, Commitment]):
    model = DeadlineRule
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin[Commitment]):
    list_display = (
        "code",
        "title_en",
        "version",
        "domain",
        "owner_role",
        "control_frequency",
        "active",
    )
    list_filter = ("version__scheme", "active", "owner_role", "control_frequency")
    list_select_related = ("version__scheme", "domain")
    search_fields = ("code", "title_fr", "title_en")
    inlines = (RequirementInline, IndicatorInline, DeadlineRuleInline)

    def has_change_permission(self, request: HttpRequest, obj: Commitment | None = None) -> bool:
        return is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Commitment | None = None) -> bool:
        return is_draft(obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        """Offer only draft versions and their domains, the domains labelled with their
        scheme version so that the right one is picked."""
        drafts = SchemeVersion.objects.filter(status=VersionStatus.DRAFT)
        if db_field.name == "domain":
            kwargs["queryset"] = Domain.objects.select_related("version__scheme").filter(
                version__in=drafts
            )
            kwargs["form_class"] = DomainChoiceField
        if db_field.name == "version":
            kwargs["queryset"] = drafts.select_related("scheme")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(
        self,
        request: HttpRequest,
        obj: Commitment | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> type[ModelForm[Commitment]]:
        """On a change, offer only the domains of the commitment's own version."""
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("domain")
        if obj is not None and isinstance(field, ModelChoiceField):
            field.queryset = Domain.objects.select_related("version__scheme").filter(
                version_id=obj.version_id
            )
        return form


@admin.register(SchemeEvent)
class SchemeEventAdmin(admin.ModelAdmin[SchemeEvent]):
    """The history of scheme edits, read-only: the log is append-only."""

    list_display = ("at", "version", "kind", "subject", "actor")
    list_filter = ("kind", "version__scheme")
    list_select_related = ("version__scheme", "actor")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SchemeEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SchemeEvent | None = None) -> bool:
        return False
