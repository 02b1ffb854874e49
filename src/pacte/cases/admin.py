from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pacte.cases.models import Case, CaseEvent, Clock, Motive, MotiveFactChange, Site, Team
from pacte.cases.tasks import clocks_recompute_task


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin[Site]):
    list_display = ("code", "name", "calendar", "scheme")
    actions = ("recompute_clocks",)

    @admin.action(description=_("Recompute every clock (after a calendar or scheme change)"))
    def recompute_clocks(self, request: HttpRequest, queryset: QuerySet[Site]) -> None:
        result = clocks_recompute_task.enqueue()
        self.message_user(
            request,
            _("Clock recomputation queued (task %(id)s); the worker runs it.") % {"id": result.id},
            messages.SUCCESS,
        )


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ("code", "name", "site", "handles_appeals", "handles_fraud_victims")
    list_filter = ("site", "handles_appeals", "handles_fraud_victims")
    filter_horizontal = ("members",)


class ReadOnlyMixin:
    """Cases, events, clocks and fact changes change only through services: the admin
    only reads."""

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


MOTIVE_FACT_CHANGE_FIELDS = (
    "fact",
    "previous",
    "value",
    "effective_at",
    "recorded_at",
    "actor",
    "reason",
    "late_recorded",
)


class MotiveFactChangeInline(ReadOnlyMixin, admin.TabularInline[MotiveFactChange, Motive]):
    model = MotiveFactChange
    fields = MOTIVE_FACT_CHANGE_FIELDS
    readonly_fields = fields
    ordering = ("-recorded_at", "-pk")
    extra = 0


@admin.register(Motive)
class MotiveAdmin(admin.ModelAdmin[Motive]):
    """The bill status is set when the motive is created, then changed only through
    ``motive_fact_set`` (the /motives/ page, the API), which records who, when and why."""

    list_display = ("code", "label_fr", "label_en", "billing", "talk_time_target_seconds")
    inlines = (MotiveFactChangeInline,)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Motive | None = None
    ) -> tuple[str, ...]:
        return ("billing",) if obj is not None else ()


@admin.register(MotiveFactChange)
class MotiveFactChangeAdmin(ReadOnlyMixin, admin.ModelAdmin[MotiveFactChange]):
    list_display = ("motive", "fact", "value", "effective_at", "recorded_at", "actor")
    list_filter = ("fact", "late_recorded")
    list_select_related = ("motive", "actor")


@admin.register(Case)
class CaseAdmin(ReadOnlyMixin, admin.ModelAdmin[Case]):
    list_display = ("id", "subject", "channel", "kind", "status", "team", "due_at")
    list_filter = ("status", "channel", "kind", "team")
    search_fields = ("subject", "customer__reference")
    list_select_related = ("team",)


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyMixin, admin.ModelAdmin[CaseEvent]):
    list_display = ("case", "kind", "at", "actor")
    list_filter = ("kind",)
    raw_id_fields = ("case",)


@admin.register(Clock)
class ClockAdmin(ReadOnlyMixin, admin.ModelAdmin[Clock]):
    list_display = ("case", "commitment", "state", "effective_due_at")
    list_filter = ("state", "commitment__code")
    raw_id_fields = ("case",)
