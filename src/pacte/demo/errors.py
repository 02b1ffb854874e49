"""Why the demo generator or the bench refused to run."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class DemoError(StrEnum):
    DATA_EXISTS = "demo_data_exists"
    BAD_SIZE = "demo_bad_size"
    MISSING_REFERENCE = "demo_missing_reference"


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        DemoError.DATA_EXISTS: gettext_lazy("The database already holds data."),
        DemoError.BAD_SIZE: gettext_lazy("The size is not valid."),
        DemoError.MISSING_REFERENCE: gettext_lazy("Reference data is missing."),
    }
)
