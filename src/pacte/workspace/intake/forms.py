"""The mail room's form: a letter's stamp, scan, sender and case; the service decides."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.cases.bills import MAX_INVOICE, BillDetails, amount_parse
from pacte.cases.models import Motive, Team
from pacte.core.dates import validate_supported_date
from pacte.core.errors import PacteError
from pacte.core.instants import InstantError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import FILED_KINDS, CaseKind
from pacte.customers.models import Customer
from pacte.intake.errors import IntakeError
from pacte.intake.letters import Scan, Sender
from pacte.workspace.common.forms import WorkspaceForm
from pacte.workspace.common.presenters import localized

LETTER_KINDS = [(kind.value, kind.label) for kind in FILED_KINDS]

# code -> the field the refusal is about (else it is on the whole form)
LETTER_REFUSAL_FIELDS: dict[str, str] = {
    IntakeError.RECEIVED_IN_FUTURE: "received_on",
    InstantError.BACKDATING_NOT_ALLOWED: "received_on",
    IntakeError.RECEIVED_TOO_LONG_AGO: "received_on",
    IntakeError.FILE_TYPE_REFUSED: "scan",
    IntakeError.FILE_EMPTY: "scan",
    IntakeError.FILE_TOO_LARGE: "scan",
    IntakeError.NO_ROUTE: "team",
    IntakeError.BAD_ADDRESS: "sender_email",
}


# The scan is the letter's one file: the clerk reads about "the scan", not a file name.
SCAN_REFUSALS: dict[str, Promise] = {
    IntakeError.FILE_TYPE_REFUSED: _("The scan must be a PDF or an image (PNG, JPEG, TIFF, GIF)."),
    IntakeError.FILE_EMPTY: _("The scan is an empty file."),
    IntakeError.FILE_TOO_LARGE: _("The scan is larger than the size limit."),
}


def show_letter_refusal(form: forms.Form, error: PacteError) -> None:
    """Put the service's refusal on the field it is about, in the user's language (the
    code's text, as the API says it; the scan's own words for a refused file)."""
    scan = SCAN_REFUSALS.get(str(error.code))
    text = str(scan) if scan is not None else error.text
    form.add_error(LETTER_REFUSAL_FIELDS.get(str(error.code)), text)


class MotiveField(forms.ModelChoiceField[Motive]):
    def label_from_instance(self, obj: Motive) -> str:
        return localized(obj, "label")


class BillFields(forms.Form):
    """A bill complaint's invoice reference and disputed amount, optional at filing
    (kept on the case only when it is a bill dispute: ``cases.bills``)."""

    invoice = forms.CharField(
        label=_("Invoice number (a bill complaint)"), required=False, max_length=MAX_INVOICE
    )
    amount = forms.CharField(
        label=_("Disputed amount, in euros"),
        required=False,
        max_length=32,
        help_text=_("For example 12,50."),
    )

    def clean_amount(self) -> Decimal | None:
        try:
            return amount_parse(self.cleaned_data.get("amount"))
        except PacteError as error:
            raise forms.ValidationError(error.text) from None

    def bill_details(self) -> BillDetails | None:
        """The details typed, or None when neither was given."""
        invoice = str(self.cleaned_data.get("invoice") or "").strip()
        amount = self.cleaned_data.get("amount")
        if not invoice and amount is None:
            return None
        return BillDetails(invoice=invoice, amount=amount)


class LetterForm(BillFields, WorkspaceForm):
    received_on = forms.DateField(
        label=_("Date of receipt (stamp)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_supported_date],
    )
    scan = forms.FileField(label=_("Scan (PDF or image)"))
    customer_reference = forms.CharField(
        label=_("Customer number"),
        required=False,
        max_length=32,
        help_text=_("Search by number, email or name; leave empty for a new sender."),
        widget=forms.TextInput(attrs={"list": "sender-suggestions", "autocomplete": "off"}),
    )
    sender_name = forms.CharField(label=_("New sender: name"), required=False, max_length=200)
    sender_address = forms.CharField(
        label=_("New sender: postal address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sender_email = forms.EmailField(label=_("New sender: email (optional)"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=LETTER_KINDS, initial=CaseKind.REQUEST)
    motive = MotiveField(label=_("Motive"), queryset=Motive.objects.order_by("code"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    description = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("code"),
        required=False,
        empty_label=_("(the letters' route)"),
    )
    field_order = (
        *("received_on", "scan", "customer_reference", "sender_name", "sender_address"),
        *("sender_email", "kind", "motive", "subject", "description", "invoice", "amount"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        """An agent files letters into their own teams only (as they open cases), or
        leaves the team to the letters' route; other writers choose any team."""
        super().__init__(*args, **kwargs)
        if not may(user, Action.CASE_READ_ALL):
            field = self.fields["team"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
            field.queryset = Team.objects.filter(members=user).order_by("code")

    def clean_customer_reference(self) -> Customer | None:
        reference = str(self.cleaned_data.get("customer_reference") or "").strip()
        if not reference:
            return None
        customer = Customer.objects.filter(reference__iexact=reference).first()
        if customer is None:
            raise forms.ValidationError(_("No customer has this number."))
        return customer

    def service_arguments(self) -> dict[str, Any]:
        """The validated form as ``letter_register``'s keyword arguments (but the actor)."""
        data = self.cleaned_data
        upload = data["scan"]
        return {
            "received_on": data["received_on"],
            "scan": Scan(
                name=upload.name or "",
                content=upload.read(),
                declared_type=upload.content_type or "",
            ),
            "sender": Sender(
                customer=data["customer_reference"],
                name=data["sender_name"],
                address=data["sender_address"],
                email=data["sender_email"],
            ),
            "kind": CaseKind(data["kind"]),
            "motive": data["motive"],
            "subject": data["subject"],
            "description": data["description"],
            "team": data["team"],
            "bill": self.bill_details(),
        }
