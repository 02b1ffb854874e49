"""The contact form's fields: shapes only; the intake services decide the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pacte.cases.bills import MAX_INVOICE, BillDetails, amount_parse
from pacte.cases.models import Motive
from pacte.core.errors import PacteError
from pacte.intake.files import attachment_check, max_attachment_bytes
from pacte.intake.web import MAX_FILES, WEB_KINDS, Upload, WebContact

NO_ROUTE_MESSAGE = _(
    "The contact form is not open at the moment: please write to us or call us instead."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MotiveChoiceField(forms.ModelChoiceField[Motive]):
    def label_from_instance(self, obj: Motive) -> str:
        return obj.label_en if get_language() == "en" else obj.label_fr


class MultipleFileField(forms.FileField):
    """Several files in one input; each one checked for size before anything is stored."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data] if data else []
        files: list[UploadedFile] = [super(MultipleFileField, self).clean(item) for item in items]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(count)d files.") % {"count": MAX_FILES})
        errors = [_file_error(item) for item in files]
        if any(errors):
            raise forms.ValidationError([error for error in errors if error])
        return files


def _file_error(item: UploadedFile) -> str:
    name = item.name or ""
    try:
        attachment_check(name=name, size=item.size or 0)
    except PacteError as error:
        return error.text
    return ""


def _bill(data: dict[str, Any]) -> BillDetails | None:
    invoice = str(data.get("invoice") or "").strip()
    amount = data.get("amount")
    return BillDetails(invoice=invoice, amount=amount) if invoice or amount is not None else None


class ContactForm(forms.Form):
    """A logged-in customer's request or complaint."""

    use_required_attribute = False

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[(kind.value, kind.label) for kind in WEB_KINDS],
        widget=forms.RadioSelect,
    )
    motive = MotiveChoiceField(label=_("About"), queryset=Motive.objects.order_by("code"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    description = forms.CharField(
        label=_("Your message"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    invoice = forms.CharField(
        label=_("Invoice number (a complaint about a bill)"),
        required=False,
        max_length=MAX_INVOICE,
    )
    amount = forms.CharField(
        label=_("Disputed amount, in euros"),
        required=False,
        max_length=32,
        help_text=_("For example 12,50."),
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Up to %(count)d files of %(size)s each; choose them again if the form "
            "comes back with an error."
        ) % {"count": MAX_FILES, "size": filesizeformat(max_attachment_bytes())}

    def clean_amount(self) -> Decimal | None:
        try:
            return amount_parse(self.cleaned_data.get("amount"))
        except PacteError as error:
            raise forms.ValidationError(error.text) from None

    def contact(self) -> WebContact:
        """The validated form as the intake service's input (files read here)."""
        data = self.cleaned_data
        uploads = tuple(
            Upload(name=item.name or "", content=item.read(), declared_type=item.content_type or "")
            for item in data["attachments"]
        )
        return WebContact(
            kind=data["kind"],
            motive=data["motive"],
            subject=data["subject"],
            description=data["description"],
            uploads=uploads,
            bill=_bill(data),
        )


class VisitorContactForm(ContactForm):
    """A visitor who is not logged in also says who they are."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send you a link to confirm it; your message is filed when you follow it."),
    )
    phone = forms.CharField(label=_("Your phone number"), max_length=32)

    field_order = (
        "name",
        "email",
        "phone",
        "kind",
        "motive",
        "subject",
        "description",
        "invoice",
        "amount",
        "attachments",
    )
