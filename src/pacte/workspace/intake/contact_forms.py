"""The new-contact form: the caller (found or new), the case, and how the contact ended.

Shapes only; ``intake.contacts.contact_case_open`` decides the rules. Validated in the
active time zone (the view's), so that a datetime-local value means local time.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.cases.errors import CaseError
from pacte.cases.models import Motive, Team
from pacte.core.dates import validate_supported_date
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import FILED_KINDS, CaseKind, Channel
from pacte.customers.models import Customer
from pacte.intake.contacts import LIVE_CHANNELS, Caller, LiveContact, ToldDeadline
from pacte.intake.errors import IntakeError
from pacte.workspace.common.forms import WorkspaceForm, local_datetime_field
from pacte.workspace.intake.forms import BillFields, MotiveField

CONTACT_KINDS = [(kind.value, kind.label) for kind in FILED_KINDS]
SOLVED, COMMITTED, OPEN = "solved", "committed", "open"

# code -> (field the refusal is about, or None; message)
CONTACT_REFUSALS: dict[str, tuple[str | None, Promise]] = {
    IntakeError.CALLER_REQUIRED: (
        None,
        _("Choose the customer, or give a new customer's name and a phone number or email."),
    ),
    IntakeError.NOT_A_BUSINESS_DAY: (
        "deadline_on",
        _("This day is not a business day of the site's calendar."),
    ),
    IntakeError.NO_ROUTE: ("team", _("No team receives this channel by default: choose one.")),
    IntakeError.BAD_ADDRESS: ("email", _("This is not an email address.")),
    IntakeError.TEAM_NOT_ALLOWED: ("team", _("Choose one of your teams.")),
    CaseError.DEADLINE_NOT_LATER: (
        "deadline_on",
        _("The deadline told must be later than the one in force (the end of today for a call)."),
    ),
}


def show_contact_refusal(form: forms.Form, error: PacteError) -> None:
    """Put the service's refusal on the field it is about, in the user's language."""
    field, message = CONTACT_REFUSALS.get(str(error.code), (None, None))
    form.add_error(field, str(message) if message else error.text)


class ContactForm(BillFields, WorkspaceForm):
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=32)
    email = forms.EmailField(label=_("Email"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(channel.value, channel.label) for channel in LIVE_CHANNELS],
        initial=Channel.PHONE,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CONTACT_KINDS, initial=CaseKind.REQUEST)
    motive = MotiveField(label=_("Motive"), queryset=Motive.objects.order_by("code"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    description = forms.CharField(
        label=_("What the customer says"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("code"),
        required=False,
        empty_label=_("(the channel's route)"),
    )
    outcome = forms.ChoiceField(
        label=_("Before the contact ends"),
        choices=[
            (SOLVED, _("Solved during the contact")),
            (COMMITTED, _("Not solved: a deadline was told to the customer")),
            (OPEN, _("Not solved, no deadline told")),
        ],
        widget=forms.RadioSelect,
        initial=COMMITTED,
    )
    answer = forms.CharField(
        label=_("Answer given"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline_on = forms.DateField(
        label=_("Deadline told: a business day (until its end)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_supported_date],
    )
    deadline_at = local_datetime_field(_("or a precise time"), required=False)
    message = forms.CharField(
        label=_("What the customer was told"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: User, customer: Customer | None, **kwargs: Any) -> None:
        """An agent opens cases in their own teams (or leaves it to the channel's route)."""
        super().__init__(*args, **kwargs)
        self.customer = customer
        if user.role == Role.AGENT:
            field = self.fields["team"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
            teams = Team.objects.filter(members=user).order_by("code")
            field.queryset = teams
            first = teams.first()
            if first is not None and not self.is_bound:
                self.initial.setdefault("team", first.pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        outcome = cleaned.get("outcome")
        if outcome == SOLVED and not str(cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Say what answer was given."))
        if outcome == COMMITTED:
            given = [cleaned.get("deadline_on"), cleaned.get("deadline_at")]
            if sum(value is not None for value in given) != 1 and not self.has_error("deadline_on"):
                self.add_error("deadline_on", _("Give either a business day or a precise time."))
        return cleaned

    def caller(self) -> Caller:
        data = self.cleaned_data
        if self.customer is not None:
            return Caller(customer=self.customer)
        return Caller(
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            email=data["email"],
        )

    def contact(self) -> LiveContact:
        """The validated form as the service's input."""
        data = self.cleaned_data
        outcome = data["outcome"]
        deadline = None
        if outcome == COMMITTED:
            deadline = ToldDeadline(
                on=data["deadline_on"], at=data["deadline_at"], message=data["message"]
            )
        return LiveContact(
            channel=Channel(data["channel"]),
            kind=CaseKind(data["kind"]),
            motive=data["motive"],
            subject=data["subject"],
            description=data["description"],
            answer=data["answer"] if outcome == SOLVED else "",
            deadline=deadline,
            bill=self.bill_details(),
        )
