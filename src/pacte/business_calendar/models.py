"""Calendars as rows: the site's week, closing time, public holidays and local changes."""

from __future__ import annotations

from datetime import time

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacte.business_calendar.spec import MONDAY_TO_FRIDAY


class HolidaySource(models.TextChoices):
    FRANCE = "FR", _("France (national holidays)")
    ALSACE_MOSELLE = "FR-AM", _("Alsace-Moselle (national + Good Friday and 26 December)")
    NONE = "none", _("No public holidays (local days only)")


class Calendar(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    weekmask = models.CharField(
        _("working week"),
        max_length=7,
        default=MONDAY_TO_FRIDAY,
        validators=[RegexValidator(r"^[01]{7}$", _("Seven 0/1 characters, Monday first."))],
        help_text=_("Seven characters, Monday first: 1 for a working day."),
    )
    opening_time = models.TimeField(
        _("daily opening time"),
        default=time(8, 0),
        help_text=_("Start of the opening hours, for the deadlines counted in opening hours."),
    )
    closing_time = models.TimeField(_("daily closing time"), default=time(18, 0))
    holiday_source = models.CharField(
        _("public holidays"), max_length=8, choices=HolidaySource.choices
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class CalendarDayKind(models.TextChoices):
    CLOSED = "closed", _("Closed (local closure: not a business day)")
    OPEN = "open", _("Open (a public holiday worked: a business day)")


class CalendarDay(models.Model):
    """A local change to a calendar: a closure added, or a public holiday removed."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=8, choices=CalendarDayKind.choices)
    label = models.CharField(_("label"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ("calendar", "day")
        constraints = [
            models.UniqueConstraint(fields=("calendar", "day"), name="calendar_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.calendar.code} {self.day.isoformat()} {self.kind}"
