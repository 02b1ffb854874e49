"""The customer's forms: a login link, a message on their case, a rating, a new
complaint or bill dispute. Shapes only: the services decide the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pacte.cases.bills import BillDetails
from pacte.cases.customer_actions import MAX_COMMENT, MAX_SCORE, MIN_SCORE
from pacte.cases.models import Motive
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind
from pacte.intake.files import attachment_check, max_attachment_bytes
from pacte.intake.web import Upload, WebContact
from pacte.workspace.common.forms import WorkspaceForm

MAX_MESSAGE = 20000
PORTAL_KINDS = (CaseKind.COMPLAINT, CaseKind.BILL_DISPUTE)


class LoginLinkForm(WorkspaceForm):
    email = forms.EmailField(label=_("Your email address"))


class AttachmentField(forms.FileField):
    """One optional file, checked for size before anything is stored."""

    def clean(self, data: Any, initial: Any = None) -> UploadedFile | None:
        item: UploadedFile | None = super().clean(data, initial)
        if item:
            try:
                attachment_check(name=item.name or "", size=item.size or 0)
            except PacteError as error:
                raise forms.ValidationError(error.text) from error
        return item or None


def _attachment_field() -> AttachmentField:
    return AttachmentField(label=_("Attachment (optional)"), required=False)


class AttachmentForm(WorkspaceForm):
    """A form with one optional file; its help says the size limit in force."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _("One file of %(size)s at most.") % {
            "size": filesizeformat(max_attachment_bytes())
        }


def upload_of(item: UploadedFile | None) -> tuple[Upload, ...]:
    """The form's file as the intake services take it (read here)."""
    if item is None:
        return ()
    return (
        Upload(name=item.name or "", content=item.read(), declared_type=item.content_type or ""),
    )


class FollowUpForm(AttachmentForm):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachment = _attachment_field()


class RatingForm(WorkspaceForm):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(score, str(score)) for score in range(MIN_SCORE, MAX_SCORE + 1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def rating_form(answer_id: int, data: Any = None) -> RatingForm:
    """The rating form of one answer: ids of its own, as a page may hold several."""
    return RatingForm(data, auto_id=f"rating-{answer_id}-%s")


class MotiveChoiceField(forms.ModelChoiceField[Motive]):
    def label_from_instance(self, obj: Motive) -> str:
        return obj.label_en if get_language() == "en" else obj.label_fr


class NewCaseForm(AttachmentForm):
    """A logged-in customer's complaint or bill dispute."""

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[(kind.value, kind.label) for kind in PORTAL_KINDS],
        widget=forms.RadioSelect,
    )
    motive = MotiveChoiceField(label=_("About"), queryset=Motive.objects.order_by("code"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    description = forms.CharField(
        label=_("Your message"), max_length=MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 6})
    )
    invoice = forms.CharField(
        label=_("Invoice reference (bill dispute)"), max_length=100, required=False
    )
    amount = forms.DecimalField(
        label=_("Disputed amount in euros (bill dispute)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    attachment = _attachment_field()

    def contact(self) -> WebContact:
        """The validated form as the intake service's input (the file read here); the
        invoice and amount only for a bill dispute."""
        data = self.cleaned_data
        dispute = data["kind"] == CaseKind.BILL_DISPUTE
        return WebContact(
            kind=CaseKind(data["kind"]),
            motive=data["motive"],
            subject=data["subject"],
            description=data["description"],
            uploads=upload_of(data["attachment"]),
            bill=BillDetails(invoice=data["invoice"].strip(), amount=data["amount"])
            if dispute
            else None,
        )
