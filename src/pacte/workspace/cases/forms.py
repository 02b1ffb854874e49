"""The case actions' forms: they parse and check shapes; the services decide the rules.

Business rules (a hand-off needs a context note, a new deadline must be later) are
the services' to enforce: a refusal comes back as a PacteError and is shown on the
form by ``refusals.show_refusal``. Validate in the site's time zone (the views wrap
the request in ``timezone.override``) so that datetime-local values mean local time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacte.business_calendar.arithmetic import end_of_local_day, is_business_day
from pacte.business_calendar.spec import CalendarSpec
from pacte.cases.models import Case, Team
from pacte.core.dates import validate_supported_date
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer
from pacte.workspace.common.forms import WorkspaceForm, local_datetime_field


class AnswerForm(WorkspaceForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    body = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))


class HandOffForm(WorkspaceForm):
    to_team = forms.ModelChoiceField(
        label=_("To team"),
        queryset=Team.objects.order_by("code"),
        required=False,
        empty_label=_("(same team)"),
    )
    to_assignee = forms.ModelChoiceField(
        label=_("To agent"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(team queue)"),
    )
    note = forms.CharField(
        label=_("Context note for the next agent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[User]", self.fields["to_assignee"])
        field.queryset = (
            User.objects.filter(
                is_active=True, role__in=(Role.AGENT, Role.SUPERVISOR), teams__isnull=False
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )


class CommitDeadlineForm(WorkspaceForm):
    new_date = forms.DateField(
        label=_("New deadline: a business day (until its end)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_supported_date],
    )
    new_datetime = local_datetime_field(_("or a precise time"), required=False)
    # The customer is told now: the server stamps the instant (docs/trail.md).
    told_via = forms.ChoiceField(label=_("Told now via"), choices=Channel.choices)
    message = forms.CharField(
        label=_("Message to the customer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, spec: CalendarSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new_date = cleaned.get("new_date")
        new_datetime = cleaned.get("new_datetime")
        if (new_date is None) == (new_datetime is None):
            if not self.has_error("new_date") and not self.has_error("new_datetime"):
                raise forms.ValidationError(
                    _("Give either a business day or a precise time."), code="one_deadline"
                )
            return cleaned
        if new_date is not None:
            if not is_business_day(new_date, self.spec):
                self.add_error(
                    "new_date",
                    forms.ValidationError(
                        _("This day is not a business day of the site's calendar."),
                        code="not_business_day",
                    ),
                )
                return cleaned
            cleaned["new_due_at"] = end_of_local_day(new_date, self.spec)
        else:
            cleaned["new_due_at"] = new_datetime
        return cleaned

    @property
    def new_due_at(self) -> datetime:
        value = self.cleaned_data["new_due_at"]
        if not isinstance(value, datetime):
            raise TypeError("new_due_at is read after a successful is_valid()")
        return value


class NoteForm(WorkspaceForm):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(WorkspaceForm):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)


class ReopenForm(WorkspaceForm):
    reason = forms.CharField(label=_("Why reopen"), max_length=500)


class AssignForm(WorkspaceForm):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(team queue)"),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[User]", self.fields["assignee"])
        field.queryset = case.team.members.filter(is_active=True)


class MatchCustomerForm(WorkspaceForm):
    """The customer who wrote a message whose sender could not be identified."""

    customer_reference = forms.CharField(
        label=_("Customer number"),
        max_length=32,
        help_text=_("Search by number, email or name."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        suggestions = f"{self.prefix or 'match'}-suggestions"
        self.fields["customer_reference"].widget.attrs.update(
            {
                "list": suggestions,
                "autocomplete": "off",
                "hx-get": reverse("workspace:mailroom_senders"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#{suggestions}",
                "hx-swap": "innerHTML",
            }
        )

    def clean_customer_reference(self) -> Customer:
        reference = str(self.cleaned_data["customer_reference"]).strip()
        customer = Customer.objects.filter(reference__iexact=reference, unidentified=False).first()
        if customer is None:
            raise forms.ValidationError(_("No customer has this number."), code="unknown")
        return customer
