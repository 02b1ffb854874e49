"""Why an evidence service refused a request."""

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class EvidenceError(StrEnum):
    NOT_FOUND = "evidence_pack_not_found"
    BAD_SIZE = "bad_sample_size"
    BAD_SEED = "bad_seed"
    UNKNOWN_SCHEME = "unknown_scheme"
    NOT_READY = "evidence_pack_not_ready"


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        EvidenceError.NOT_FOUND: gettext_lazy("No such evidence pack."),
        EvidenceError.BAD_SIZE: gettext_lazy("The sample size must be between 1 and %(max)s."),
        EvidenceError.BAD_SEED: gettext_lazy("The seed must be a whole number from 0 to %(max)s."),
        EvidenceError.UNKNOWN_SCHEME: gettext_lazy(
            "No scheme “%(scheme)s” with an active version."
        ),
        EvidenceError.NOT_READY: gettext_lazy("The evidence pack is not ready yet."),
    }
)
