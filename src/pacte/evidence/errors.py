"""Why an evidence service refused a request."""

from enum import StrEnum


class EvidenceError(StrEnum):
    NOT_FOUND = "evidence_pack_not_found"
    BAD_SIZE = "bad_sample_size"
    BAD_SEED = "bad_seed"
    UNKNOWN_SCHEME = "unknown_scheme"
    NOT_READY = "evidence_pack_not_ready"
