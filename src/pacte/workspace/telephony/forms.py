"""The telephony pages' forms: the measures page's filters, and the staffing planner's
service target, interval length, patience and pasted forecast."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from pacte.core.clock import now
from pacte.core.dates import validate_supported_date
from pacte.telephony.measures import INTERVAL_MINUTES as MEASURE_INTERVALS
from pacte.telephony.measures import site_zone
from pacte.telephony.planner import (
    INTERVAL_MINUTES,
    MAX_PATIENCE_SECONDS,
    MAX_THRESHOLD_SECONDS,
    MIN_PATIENCE_SECONDS,
    ForecastError,
    StaffingPlan,
    check_patience,
    check_target,
    parse_forecast_text,
    plan_staffing,
)

EXAMPLE = "08:00 100 180\n08:30 120 180\n09:00 150 200"
MAX_FORECAST_CHARS = 20_000


def today() -> date:
    return now().astimezone(site_zone()).date()


class MeasuresForm(forms.Form):
    """The page's filters; every field has a default, so an empty query string is valid."""

    day = forms.DateField(
        label=gettext_lazy("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_supported_date],
    )
    interval = forms.TypedChoiceField(
        label=gettext_lazy("Interval (minutes)"),
        choices=[(minutes, str(minutes)) for minutes in MEASURE_INTERVALS],
        coerce=int,
    )
    queue = forms.ChoiceField(label=gettext_lazy("Queue"), required=False)

    def __init__(self, data: Any, *, queues: list[str]) -> None:
        values = {"day": today().isoformat(), "interval": "15", "queue": ""}
        values.update({key: data[key] for key in values if data.get(key)})
        super().__init__(values)
        choices = [("", gettext("All queues")), *((name, name) for name in queues)]
        queue = self.fields["queue"]
        if isinstance(queue, forms.ChoiceField):
            queue.choices = choices


class StaffingForm(forms.Form):
    interval_minutes = forms.TypedChoiceField(
        label=gettext_lazy("Interval length (minutes)"),
        choices=[(minutes, str(minutes)) for minutes in INTERVAL_MINUTES],
        coerce=int,
        initial=30,
    )
    service_level = forms.DecimalField(
        label=gettext_lazy("Target service level (%)"),
        min_value=Decimal("0.1"),
        max_value=Decimal("99.9"),
        decimal_places=1,
        initial=80,
    )
    threshold_seconds = forms.IntegerField(
        label=gettext_lazy("Answered within (seconds)"),
        min_value=0,
        max_value=MAX_THRESHOLD_SECONDS,
        initial=20,
    )
    max_occupancy = forms.DecimalField(
        label=gettext_lazy("Maximum occupancy (%, optional)"),
        min_value=Decimal(50),
        max_value=Decimal(100),
        decimal_places=1,
        required=False,
    )
    patience_seconds = forms.IntegerField(
        label=gettext_lazy("Callers' mean patience (seconds, optional: adds Erlang A)"),
        min_value=MIN_PATIENCE_SECONDS,
        max_value=MAX_PATIENCE_SECONDS,
        required=False,
    )
    forecast = forms.CharField(
        label=gettext_lazy("Forecast: one line per interval, “HH:MM arrivals AHT-seconds”"),
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": EXAMPLE, "spellcheck": "false"}),
        max_length=MAX_FORECAST_CHARS,
    )

    plan: StaffingPlan | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needed = ("interval_minutes", "service_level", "threshold_seconds", "forecast")
        if any(name not in cleaned for name in needed):
            return cleaned
        occupancy = cleaned.get("max_occupancy")
        try:
            target = check_target(
                service_level=float(cleaned["service_level"]) / 100,
                threshold_seconds=cleaned["threshold_seconds"],
                max_occupancy=None if occupancy is None else float(occupancy) / 100,
            )
            patience = check_patience(cleaned.get("patience_seconds"))
            intervals, line_numbers = parse_forecast_text(cleaned["forecast"])
            try:
                self.plan = plan_staffing(
                    intervals=intervals,
                    interval_minutes=cleaned["interval_minutes"],
                    target=target,
                    patience_seconds=patience,
                )
            except ForecastError as error:
                if error.index is None:
                    raise
                number = line_numbers[error.index]
                raise ForecastError(
                    gettext("Line %(number)d: %(reason)s")
                    % {"number": number, "reason": error.reason}
                ) from error
        except ForecastError as error:
            self.add_error("forecast", error.reason)
        return cleaned
