"""Calendars in the admin: the week, closing time, holiday source and local days."""

from __future__ import annotations

from zoneinfo import available_timezones

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pacte.business_calendar.models import Calendar, CalendarDay


class CalendarAdminForm(forms.ModelForm[Calendar]):
    class Meta:
        model = Calendar
        fields = (
            "code",
            "name",
            "timezone",
            "weekmask",
            "opening_time",
            "closing_time",
            "holiday_source",
        )

    def clean_timezone(self) -> str:
        name: str = self.cleaned_data["timezone"]
        if name not in available_timezones():
            raise ValidationError(_("Unknown time zone (use a name like Europe/Paris)."))
        return name

    def clean_weekmask(self) -> str:
        weekmask: str = self.cleaned_data["weekmask"]
        if "1" not in weekmask:
            raise ValidationError(_("A calendar needs at least one working weekday."))
        return weekmask


class CalendarDayInline(admin.TabularInline[CalendarDay, Calendar]):
    model = CalendarDay
    extra = 0
    fields = ("day", "kind", "label")


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin[Calendar]):
    """Saving the form saves the calendar, which bumps ``updated_at`` (``auto_now``)
    in the same transaction as its days: cached specs see the change."""

    form = CalendarAdminForm
    inlines = (CalendarDayInline,)
    list_display = ("code", "name", "timezone", "holiday_source", "closing_time", "updated_at")
    search_fields = ("code", "name")
    readonly_fields = ("updated_at",)
