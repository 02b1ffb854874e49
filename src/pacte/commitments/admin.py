"""Admin for commitment schemes: versions with their domains and commitments, and
commitments with their requirements, indicators and deadline rules."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import ForeignKey, QuerySet
from django.forms import BaseInlineFormSet, ModelChoiceField, ModelForm
from django.http import HttpRequest

from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Domain,
    Indicator,
    Requirement,
    Scheme,
    SchemeEvent,
    SchemeVersion,
)
from pacte.commitments.services import scheme_version_activate, scheme_version_draft


class DomainChoiceField(ModelChoiceField[Domain]):
    def label_from_instance(self, obj: Domain) -> str:
        return f"{obj.version} / {obj}"


class SchemeVersionInline(admin.TabularInline[SchemeVersion, Scheme]):
    model = SchemeVersion
    fields = ("number", "status", "valid_from")
    extra = 0
    show_change_link = True


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin[Scheme]):
    list_display = ("code", "title_fr", "title_en")
    search_fields = ("code", "title_fr", "title_en")
    inlines = (SchemeVersionInline,)


class DomainInline(admin.TabularInline[Domain, SchemeVersion]):
    model = Domain
    extra = 0


class VersionCommitmentInline(admin.TabularInline[Commitment, SchemeVersion]):
    model = Commitment
    fields = ("code", "domain", "title_en", "owner_role", "control_frequency", "active")
    extra = 0
    show_change_link = True

    def get_formset(
        self, request: HttpRequest, obj: SchemeVersion | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet[Commitment, SchemeVersion, Any]]:
        """Offer only the domains of the version being edited."""
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields["domain"]
        if isinstance(field, ModelChoiceField):
            field.queryset = Domain.objects.filter(version=obj) if obj else Domain.objects.none()
        return formset


@admin.register(SchemeVersion)
class SchemeVersionAdmin(admin.ModelAdmin[SchemeVersion]):
    list_display = ("scheme", "number", "status", "valid_from", "created_at")
    list_filter = ("status", "scheme")
    list_select_related = ("scheme",)
    readonly_fields = ("created_at",)
    inlines = (DomainInline, VersionCommitmentInline)
    actions = ("copy_as_draft", "activate")

    @admin.action(description="Copy as a new draft version")
    def copy_as_draft(self, request: HttpRequest, queryset: QuerySet[SchemeVersion]) -> None:
        for version in queryset.select_related("scheme"):
            draft = scheme_version_draft(version=version)
            self.log_addition(request, draft, f"Copied from version {version.number}.")
            self.message_user(request, f"Created {draft} as a draft.")

    @admin.action(description="Activate (retires the scheme's active version)")
    def activate(self, request: HttpRequest, queryset: QuerySet[SchemeVersion]) -> None:
        versions = list(queryset.select_related("scheme"))
        if len({version.scheme_id for version in versions}) != len(versions):
            self.message_user(request, "Select one version per scheme.", messages.ERROR)
            return
        for version in versions:
            scheme_version_activate(version=version)
            self.log_change(request, version, "Activated.")
            self.message_user(request, f"Activated {version}.")


class RequirementInline(admin.TabularInline[Requirement, Commitment]):
    model = Requirement
    extra = 0


class IndicatorInline(admin.StackedInline[Indicator, Commitment]):
    model = Indicator
    extra = 0


class DeadlineRuleInline(admin.TabularInline[DeadlineRule, Commitment]):
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

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        """Label the domains with their scheme version, so that the right one is picked."""
        if db_field.name == "domain":
            kwargs["queryset"] = Domain.objects.select_related("version__scheme")
            kwargs["form_class"] = DomainChoiceField
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
        field = form.base_fields["domain"]
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
