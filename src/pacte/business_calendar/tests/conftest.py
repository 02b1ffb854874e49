"""Each test starts with no cached calendar spec (rows are rolled back, the cache is not)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pacte.business_calendar.selectors import calendar_spec_cache_clear


@pytest.fixture(autouse=True)
def _no_cached_specs() -> Iterator[None]:
    calendar_spec_cache_clear()
    yield
    calendar_spec_cache_clear()
