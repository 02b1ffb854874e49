"""Public holidays from the ``holidays`` package, by source (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from pacte.business_calendar.holidays_source import public_holidays

NATIONAL_2026 = {
    date(2026, 1, 1),  # Jour de l'an
    date(2026, 4, 6),  # Lundi de Pâques
    date(2026, 5, 1),  # Fête du Travail
    date(2026, 5, 8),  # Victoire 1945
    date(2026, 5, 14),  # Ascension
    date(2026, 5, 25),  # Lundi de Pentecôte
    date(2026, 7, 14),  # Fête nationale
    date(2026, 8, 15),  # Assomption
    date(2026, 11, 1),  # Toussaint
    date(2026, 11, 11),  # Armistice
    date(2026, 12, 25),  # Noël
}


def test_national_holidays_2026() -> None:
    assert public_holidays("FR", range(2026, 2027)) == NATIONAL_2026


def test_alsace_moselle_adds_good_friday_and_saint_stephen() -> None:
    years = range(2026, 2028)
    extra = public_holidays("FR-AM", years) - public_holidays("FR", years)
    assert extra == {date(2026, 4, 3), date(2026, 12, 26), date(2027, 3, 26), date(2027, 12, 26)}


def test_easter_based_holidays_move_with_easter() -> None:
    national_2027 = public_holidays("FR", range(2027, 2028))
    assert {date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)} <= national_2027


def test_no_source_has_no_holidays() -> None:
    assert public_holidays("none", range(2026, 2027)) == frozenset()


def test_unknown_source_refused() -> None:
    with pytest.raises(ValueError, match="unknown public-holiday source 'BE'"):
        public_holidays("BE", range(2026, 2027))
