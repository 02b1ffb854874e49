"""The draws behind the demo (no database): receipts, routing, identifiers, population."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from pacte.business_calendar.holidays_source import public_holidays
from pacte.core.vocabulary import Channel
from pacte.demo.catalogue import CHANNELS, TEAMS
from pacte.demo.contacts import channel_index, contacts_plan, history_period, team_index
from pacte.demo.population import luhn_digit, msisdn, population_plan

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def plan(seed: int = 1, count: int = 20_000):
    rng = np.random.default_rng(seed)
    people = population_plan(rng, customers=3_000)
    period = history_period(
        now=NOW, months=12, zone=PARIS, holidays=public_holidays("FR", range(2025, 2027))
    )
    return contacts_plan(
        rng, count=count, period=period, fraud_victim=people.fraud_victim, distributors=10
    )


def local(micros: np.ndarray) -> list[datetime]:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return [(epoch + timedelta(microseconds=int(us))).astimezone(PARIS) for us in micros]


def test_history_covers_the_months_before_now():
    period = history_period(now=NOW, months=12, zone=PARIS, holidays=frozenset())
    assert period.days[0] == date(2025, 3, 11)
    assert period.days[-1] == date(2026, 3, 10)


def test_receipts_are_sorted_and_never_after_now():
    contacts = plan()
    assert np.all(np.diff(contacts.received_us) >= 0)
    assert contacts.received_us.max() <= (NOW - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(
        microseconds=1
    )


def test_letters_arrive_on_weekdays_during_mail_room_hours():
    contacts = plan()
    letters = local(contacts.received_us[contacts.channel == channel_index(Channel.LETTER)])
    assert letters
    assert all(moment.weekday() < 5 for moment in letters)
    assert all(9 <= moment.hour < 17 for moment in letters if moment.date() != NOW.date())


def test_the_phone_is_closed_on_sunday_and_at_night():
    contacts = plan()
    calls = local(contacts.received_us[contacts.channel == channel_index(Channel.PHONE)])
    assert not [c for c in calls if c.weekday() == 6 and c.date() != NOW.date()]
    assert not [c for c in calls if c.hour < 8 and c.date() != NOW.date()]


def test_hotline_calls_go_to_the_hotline_team_with_a_point_of_sale():
    contacts = plan()
    hotline = contacts.channel == channel_index(Channel.DISTRIBUTOR_HOTLINE)
    assert np.all(contacts.first_team[hotline] == team_index("pos-hotline"))
    assert np.all(contacts.distributor[hotline] >= 0)
    assert contacts.handed_off.mean() == pytest.approx(0.08, abs=0.01)
    assert set(np.unique(contacts.final_team)) <= set(range(len(TEAMS)))


def test_same_seed_same_draw_and_slices_keep_alignment():
    first, second = plan(seed=4, count=2_000), plan(seed=4, count=2_000)
    assert np.array_equal(first.received_us, second.received_us)
    assert np.array_equal(first.customer, second.customer)
    part = first.slice(10, 20)
    assert len(part) == 10
    assert np.array_equal(part.motive, first.motive[10:20])
    assert len(CHANNELS) == 6


def luhn_valid(number: str) -> bool:
    """The textbook check: double every second digit from the right, sum the digits."""
    total = 0
    for position, char in enumerate(reversed(number)):
        doubled = int(char) * 2 if position % 2 else int(char)
        total += sum(int(d) for d in str(doubled))
    return total % 10 == 0


def test_luhn_check_digit_of_the_textbook_example():
    assert luhn_digit("7992739871") == "3"


@pytest.mark.parametrize("digits", ["35332811123456", "893301000000000001", "86891703000042"])
def test_identifiers_with_their_check_digit_are_valid(digits):
    assert luhn_valid(digits + luhn_digit(digits))
    assert not luhn_valid(digits + str((int(luhn_digit(digits)) + 1) % 10))


def test_msisdn_is_a_french_mobile_number():
    assert msisdn(0) == "+33610000000"
    assert len(msisdn(89_999_999)) == 12


def test_population_plan_counts_lines_per_customer():
    people = population_plan(np.random.default_rng(3), customers=1_000)
    assert people.customers == 1_000
    assert people.first_line[0] == 0
    assert np.all(np.diff(people.first_line) >= 1)
    assert people.accounts_per_customer.sum() == len(people.lines_per_account)
    assert 0.05 < people.professional.mean() < 0.2
    assert people.distributors == 5
