"""Why the demo generator or the bench refused to run."""

from enum import StrEnum


class DemoError(StrEnum):
    DATA_EXISTS = "demo_data_exists"
    BAD_SIZE = "demo_bad_size"
    MISSING_REFERENCE = "demo_missing_reference"
