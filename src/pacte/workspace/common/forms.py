"""What every workspace form shares: the base form and the local date-time field.

Forms parse and check shapes; the services decide the rules. Validate in the site's time
zone (the views wrap the request in ``timezone.override``) so that datetime-local values
mean local time.
"""

from __future__ import annotations

from django import forms
from django_stubs_ext import StrOrPromise

from pacte.core.dates import validate_supported_date

LOCAL_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class WorkspaceForm(forms.Form):
    # The server checks every field, so a refusal is always visible the same way.
    use_required_attribute = False


def local_datetime_field(label: StrOrPromise, *, required: bool) -> forms.DateTimeField:
    """A datetime-local input, read in the active (the site's) time zone."""
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[LOCAL_DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME_FORMAT),
        validators=[validate_supported_date],
    )
