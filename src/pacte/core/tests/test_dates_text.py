"""Dates as French and English readers read them: the pure functions and the template filters."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from pacte.core.dates import DAY_NAMES, MONTH_NAMES, NBSP, day_text, time_text, when_text

PARIS = ZoneInfo("Europe/Paris")
FRENCH_DAY = re.compile(
    r"^(lun|mar|mer|jeu|ven|sam|dim)\.\u00a0\d{1,2}\u00a0"
    r"(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.)\u00a0\d{4}$"
)
FRENCH_WHEN = re.compile(FRENCH_DAY.pattern[:-1] + r", \d{1,2}\u00a0h\u00a0\d{2}$")


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize(
    ("day", "french", "english"),
    [
        (date(2026, 11, 26), "jeu. 26 nov. 2026", "Thu 26 Nov 2026"),
        (date(2026, 6, 1), "lun. 1 juin 2026", "Mon 1 Jun 2026"),
        (date(2026, 7, 5), "dim. 5 juil. 2026", "Sun 5 Jul 2026"),
        (date(2026, 8, 15), "sam. 15 août 2026", "Sat 15 Aug 2026"),
        (date(2027, 3, 2), "mar. 2 mars 2027", "Tue 2 Mar 2027"),
        (date(2027, 5, 5), "mer. 5 mai 2027", "Wed 5 May 2027"),
    ],
)
def test_day_reads_in_each_language(day: date, french: str, english: str) -> None:
    assert plain(day_text(day, "fr")) == french
    assert plain(day_text(day, "en")) == english


def test_day_without_year_and_french_variants() -> None:
    # given a Belgian-French reader and a short form
    assert plain(day_text(date(2026, 2, 3), "fr-be", year=False)) == "mar. 3 févr."


def test_time_is_hours_h_minutes_in_french_and_clock_in_english() -> None:
    at = datetime(2026, 11, 26, 9, 5, tzinfo=PARIS)
    assert plain(time_text(at, "fr")) == "9 h 05"
    assert time_text(at, "en") == "09:05"


def test_when_reads_the_instant_in_the_given_zone() -> None:
    # given 13:05 UTC, which is 14:05 in Paris in winter and 15:05 in summer
    winter = datetime(2026, 11, 26, 13, 5, tzinfo=UTC)
    summer = datetime(2026, 7, 2, 13, 5, tzinfo=UTC)
    assert plain(when_text(winter, "fr", zone=PARIS)) == "jeu. 26 nov. 2026, 14 h 05"
    assert plain(when_text(summer, "en", zone=PARIS)) == "Thu 2 Jul 2026, 15:05"


def test_when_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        when_text(datetime(2026, 1, 1, 12, 0), "fr", zone=PARIS)  # noqa: DTZ001


def test_french_tables_are_unambiguous_and_not_english() -> None:
    assert len(set(MONTH_NAMES["fr"])) == 12
    assert "juin" in MONTH_NAMES["fr"]
    assert "juil." in MONTH_NAMES["fr"]
    assert not set(MONTH_NAMES["fr"]) & set(MONTH_NAMES["en"])
    assert not set(DAY_NAMES["fr"]) & set(DAY_NAMES["en"])


instants = st.datetimes(
    min_value=datetime(2000, 1, 2),  # noqa: DTZ001
    max_value=datetime(2100, 12, 30),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@given(instants)
def test_every_french_instant_matches_the_french_pattern_and_its_day(at: datetime) -> None:
    text = when_text(at, "fr", zone=PARIS)
    assert FRENCH_WHEN.match(text), text
    local = at.astimezone(PARIS)
    assert text.startswith(day_text(local.date(), "fr") + ", ")
    hours, minutes = plain(text).rsplit(", ", 1)[1].split(" h ")
    assert (int(hours), int(minutes)) == (local.hour, local.minute)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_a_day_and_the_next_never_read_the_same(day: date) -> None:
    assert day_text(day, "fr") != day_text(day + timedelta(days=1), "fr")
    assert FRENCH_DAY.match(day_text(day, "fr"))


def render(source: str, **context: object) -> str:
    return Template("{% load dates %}" + source).render(Context(context))


def test_filters_render_time_elements_in_the_current_language_and_zone() -> None:
    at = datetime(2026, 11, 26, 13, 5, tzinfo=UTC)
    with translation.override("fr"), timezone.override(PARIS):
        html = render("{{ at|when_element }}|{{ at|day_element }}|{{ at|when:'short' }}", at=at)
    assert plain(html) == (
        '<time datetime="2026-11-26T14:05+01:00">jeu. 26 nov. 2026, 14 h 05</time>|'
        '<time datetime="2026-11-26">jeu. 26 nov. 2026</time>|jeu. 26 nov., 14 h 05'
    )
    with translation.override("en"), timezone.override(PARIS):
        assert render("{{ day|day_element }}", day=date(2026, 8, 3)) == (
            f'<time datetime="2026-08-03">Mon{NBSP}3{NBSP}Aug{NBSP}2026</time>'
        )


def test_filters_leave_empty_values_empty_for_default() -> None:
    with translation.override("fr"):
        assert render("{{ none|when|default:'—' }}{{ none|day_element }}", none=None) == "—"


def test_colon_is_spaced_in_french_only() -> None:
    with translation.override("fr"):
        assert render("Motif{% colon %}") == f"Motif{NBSP}:"
    with translation.override("en"):
        assert render("Motive{% colon %}") == "Motive:"
