"""Draw the demo's contacts: when, on which channel, of which kind and motive, for whom.

Pure numpy over the catalogue (no database): arrays indexed by contact, sorted by
receipt so that case numbers follow time. Seasonality comes from month, weekday,
public-holiday and hour-of-day factors per channel.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from pacte.core.vocabulary import CaseKind, Channel
from pacte.demo.catalogue import (
    ACCEPTANCE_SHARE,
    BACK_OFFICE,
    CHANNEL_SHARES,
    CHANNELS,
    FRAUD,
    HAND_OFF_SHARE,
    HOLIDAY_FACTORS,
    HOTLINE_KIND_SHARES,
    HOTLINE_MOTIVES,
    HOUR_PROFILES,
    KIND_SHARES,
    KINDS,
    METZ_FRAUD_VICTIMS,
    METZ_FRONT,
    MONTH_FACTORS,
    MOTIVE_CODES,
    MOTIVES_BY_KIND,
    PARIS_FRAUD_VICTIMS,
    PARIS_FRONT,
    POS_HOTLINE,
    TEAMS,
    WEEKDAY_FACTORS,
)

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

US_PER_SECOND = 1_000_000
US_PER_DAY = 86_400 * US_PER_SECOND
EPOCH_DATE = date(1970, 1, 1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
TEAM_CODES = tuple(team.code for team in TEAMS)


def team_index(code: str) -> int:
    return TEAM_CODES.index(code)


def channel_index(channel: Channel) -> int:
    return CHANNELS.index(channel)


def kind_index(kind: CaseKind) -> int:
    return KINDS.index(kind)


@dataclass(frozen=True)
class ContactPlan:
    """Every contact's draw, by contact index (receipt order)."""

    received_us: Ints  # UTC microseconds since 1970
    channel: Ints  # index into CHANNELS
    kind: Ints  # index into KINDS
    motive: Ints  # index into MOTIVES
    customer: Ints  # index into the population
    distributor: Ints  # index into the distributors, -1 for none
    first_team: Ints  # index into TEAMS
    final_team: Ints  # after the hand-off, if any

    def __len__(self) -> int:
        return len(self.received_us)

    def slice(self, start: int, stop: int) -> ContactPlan:
        return ContactPlan(**{f.name: getattr(self, f.name)[start:stop] for f in fields(self)})

    @property
    def handed_off(self) -> npt.NDArray[np.bool_]:
        moved: npt.NDArray[np.bool_] = self.first_team != self.final_team
        return moved


@dataclass(frozen=True)
class Period:
    """The history's local days (oldest first), the instant it ends and the holidays."""

    days: list[date]
    now: datetime
    zone: ZoneInfo
    holidays: frozenset[date]

    @property
    def now_us(self) -> int:
        return (self.now - EPOCH) // MICROSECOND


def history_period(
    *, now: datetime, months: int, zone: ZoneInfo, holidays: frozenset[date]
) -> Period:
    """The local days after the same day ``months`` calendar months before ``now``, to today."""
    today = now.astimezone(zone).date()
    month_index = today.month - 1 - months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    start = date(year, month, min(today.day, 28))
    days = [start + timedelta(days=k) for k in range(1, (today - start).days + 1)]
    return Period(days=days, now=now, zone=zone, holidays=holidays)


def contacts_plan(
    rng: np.random.Generator,
    *,
    count: int,
    period: Period,
    fraud_victim: npt.NDArray[np.bool_],
    distributors: int,
) -> ContactPlan:
    """Draw ``count`` contacts over ``period`` for a population with these fraud flags."""
    channel = rng.choice(len(CHANNELS), size=count, p=CHANNEL_SHARES)
    received = _receipts(rng, channel, period)
    order = np.argsort(received, kind="stable")
    channel, received = channel[order], received[order]
    kind = _kinds(rng, channel)
    motive = _motives(rng, channel, kind)
    kind = _acceptances(rng, channel, kind, motive)
    customers = len(fraud_victim)
    customer = rng.permutation(customers)[
        np.minimum((customers * rng.random(count) ** 1.7).astype(np.int64), customers - 1)
    ]
    first_team = _first_teams(rng, channel, kind, fraud_victim[customer])
    return ContactPlan(
        received_us=received,
        channel=channel.astype(np.int64),
        kind=kind,
        motive=motive,
        customer=customer.astype(np.int64),
        distributor=_distributors(rng, channel, motive, distributors),
        first_team=first_team,
        final_team=_hand_offs(rng, first_team, kind, motive),
    )


def _day_weights(period: Period, channel: Channel) -> Floats:
    weekday = WEEKDAY_FACTORS[channel]
    holiday = HOLIDAY_FACTORS[channel]
    weights = np.array(
        [
            MONTH_FACTORS[d.month - 1]
            * weekday[d.weekday()]
            * (holiday if d in period.holidays else 1.0)
            for d in period.days
        ]
    )
    local_now = period.now.astimezone(period.zone)
    midnight = datetime.combine(local_now.date(), time(0), period.zone)
    weights[-1] *= (local_now - midnight) / timedelta(days=1)
    return weights


def _receipts(rng: np.random.Generator, channel: Ints, period: Period) -> Ints:
    """UTC microseconds of each contact's receipt, never after ``period.now``."""
    day = np.zeros(len(channel), dtype=np.int64)
    hour = np.zeros(len(channel), dtype=np.int64)
    for index, name in enumerate(CHANNELS):
        chosen = np.flatnonzero(channel == index)
        weights = _day_weights(period, name)
        if weights.sum() <= 0:
            weights = np.ones(len(period.days))
        day[chosen] = rng.choice(len(period.days), size=len(chosen), p=weights / weights.sum())
        profile = np.array(HOUR_PROFILES[name], dtype=np.float64)
        hour[chosen] = rng.choice(24, size=len(chosen), p=profile / profile.sum())
    seconds = hour * 3600 + rng.integers(0, 3600, len(channel))
    epoch_days = np.array([(d - EPOCH_DATE).days for d in period.days], dtype=np.int64)
    local = epoch_days[day] * US_PER_DAY + seconds * US_PER_SECOND
    received = local - _offsets(period)[day, hour]
    late = received > period.now_us
    received[late] = period.now_us - rng.integers(60, 3600, int(late.sum())) * US_PER_SECOND
    return received


def _offsets(period: Period) -> Ints:
    """UTC offset (µs) in force at each local (day, hour) of the period."""
    table = np.empty((len(period.days), 24), dtype=np.int64)
    for row, day in enumerate(period.days):
        for hour in range(24):
            offset = datetime(day.year, day.month, day.day, hour, tzinfo=period.zone).utcoffset()
            table[row, hour] = (offset or timedelta(0)) // MICROSECOND
    return table


def _kinds(rng: np.random.Generator, channel: Ints) -> Ints:
    hotline = channel == channel_index(Channel.DISTRIBUTOR_HOTLINE)
    kind = rng.choice(len(KINDS), size=len(channel), p=KIND_SHARES)
    kind[hotline] = rng.choice(len(KINDS), size=int(hotline.sum()), p=HOTLINE_KIND_SHARES)
    return kind.astype(np.int64)


def _acceptances(rng: np.random.Generator, channel: Ints, kind: Ints, motive: Ints) -> Ints:
    """Some contract-acceptance contacts raised by a point of sale (hotline) or filed on
    the web as requests are a difficulty with the contract's final acceptance (T4.7)."""
    acceptance = motive == MOTIVE_CODES.index("contract-acceptance")
    raised = (channel == channel_index(Channel.DISTRIBUTOR_HOTLINE)) | (
        (channel == channel_index(Channel.WEB)) & (kind == kind_index(CaseKind.REQUEST))
    )
    chosen = acceptance & raised & (rng.random(len(kind)) < ACCEPTANCE_SHARE)
    return np.where(chosen, kind_index(CaseKind.ACCEPTANCE), kind).astype(np.int64)


def _pick(rng: np.random.Generator, weights: dict[str, float], size: int) -> Ints:
    codes = [MOTIVE_CODES.index(code) for code in weights]
    p = np.array(list(weights.values()))
    return np.array(codes, dtype=np.int64)[rng.choice(len(codes), size=size, p=p / p.sum())]


def _motives(rng: np.random.Generator, channel: Ints, kind: Ints) -> Ints:
    motive = np.zeros(len(kind), dtype=np.int64)
    hotline = channel == channel_index(Channel.DISTRIBUTOR_HOTLINE)
    for index, name in enumerate(KINDS):
        chosen = np.flatnonzero((kind == index) & ~hotline)
        motive[chosen] = _pick(rng, MOTIVES_BY_KIND[name], len(chosen))
    motive[hotline] = _pick(rng, HOTLINE_MOTIVES, int(hotline.sum()))
    return motive


def _distributors(rng: np.random.Generator, channel: Ints, motive: Ints, count: int) -> Ints:
    """The point of sale behind hotline calls and contract-acceptance cases; -1 otherwise."""
    concerned = (channel == channel_index(Channel.DISTRIBUTOR_HOTLINE)) | (
        motive == MOTIVE_CODES.index("contract-acceptance")
    )
    drawn = np.minimum((count * rng.random(len(channel)) ** 1.5).astype(np.int64), count - 1)
    return np.where(concerned, drawn, -1)


def _first_teams(
    rng: np.random.Generator, channel: Ints, kind: Ints, fraud_victim: npt.NDArray[np.bool_]
) -> Ints:
    """Route: hotline → its team; fraud victims → their site's fraud-victims team (T6.2);
    letters and disputes → back office."""
    paris = rng.random(len(channel)) < 0.55
    front = np.where(paris, team_index(PARIS_FRONT), team_index(METZ_FRONT))
    written_back = (channel == channel_index(Channel.LETTER)) | (
        kind == kind_index(CaseKind.BILL_DISPUTE)
    )
    team = np.where(written_back, team_index(BACK_OFFICE), front)
    fraud_team = np.where(paris, team_index(PARIS_FRAUD_VICTIMS), team_index(METZ_FRAUD_VICTIMS))
    team = np.where(fraud_victim, fraud_team, team)
    hotline = channel == channel_index(Channel.DISTRIBUTOR_HOTLINE)
    return np.where(hotline, team_index(POS_HOTLINE), team).astype(np.int64)


def _hand_offs(rng: np.random.Generator, first_team: Ints, kind: Ints, motive: Ints) -> Ints:
    """About HAND_OFF_SHARE of the cases change team: to the back office or fraud (never
    to an appeals service: its agents answer appeals only)."""
    handed = rng.random(len(first_team)) < HAND_OFF_SHARE
    choice = rng.random(len(first_team))
    target = np.full(len(first_team), team_index(BACK_OFFICE), dtype=np.int64)
    target[(motive == MOTIVE_CODES.index("stolen-phone")) & (choice < 0.5)] = team_index(FRAUD)
    target[first_team == target] = team_index(PARIS_FRONT)
    return np.where(handed, target, first_team)
