"""A closing seals the same document whatever language the person closing reads."""

from __future__ import annotations

from django.utils import translation

from pacte.compliance.closing import month_close
from pacte.compliance.comparison import month_compare
from pacte.compliance.tests.conftest import answer_at, case_at
from pacte.conftest import paris

NOW = paris(2026, 4, 15, 12)


def test_no_data_reasons_are_sealed_in_the_site_language(cast, version, settings):
    # given March with one answered case, closed by someone reading English
    answer_at(case_at(paris(2026, 3, 2, 9), team=cast.front), paris(2026, 3, 4), actor=cast.agent)
    with translation.override("en"):
        closing = month_close(
            scheme_version=version, year=2026, month=3, actor=cast.quality_manager, now=NOW
        )
    # then the no-data reasons are in the site's language (French here)
    assert settings.LANGUAGE_CODE == "fr"
    reasons = [result["no_data"] for result in closing.results if result["no_data"]]
    assert reasons
    assert all("pas encore" in reason for reason in reasons)
    # and comparing in either language finds nothing changed
    for language in ("en", "fr"):
        with translation.override(language):
            comparison = month_compare(closing=closing, now=NOW)
        assert comparison.unchanged
