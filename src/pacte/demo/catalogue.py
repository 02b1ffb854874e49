"""The demo's fixed vocabulary: sites, teams, motives, shares and the words of its texts.

Everything here is plain data; the generator draws from it with a seeded generator.
Shares follow a mobile operator's customer service: mostly phone, mostly questions,
a few complaints and bill disputes, seasonal peaks in January and September.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel

DEMO_PASSWORD = "pacte-demo"  # noqa: S105 - printed by bin/demo.sh, demo only


@dataclass(frozen=True, slots=True)
class SiteSpec:
    code: str
    name: str
    calendar: str
    scheme: str = "telecom-2004"


@dataclass(frozen=True, slots=True)
class TeamSpec:
    code: str
    name: str
    site: str
    agents: int
    handles_appeals: bool = False  # the site's appeals service (level 2, T6.6)
    handles_fraud_victims: bool = False  # the site's fraud-victims team (T6.2)


@dataclass(frozen=True, slots=True)
class MotiveSpec:
    code: str
    label_fr: str
    label_en: str
    billing: bool
    talk_time_target_seconds: int


@dataclass(frozen=True, slots=True)
class DemoUserSpec:
    username: str
    role: Role
    first_name: str
    last_name: str
    teams: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


SITES = (
    SiteSpec("paris", "Paris — La Défense", "FR"),
    # Metz is certified under the cross-sector standard: both schemes show figures.
    SiteSpec("metz", "Metz — Technopôle", "FR-AM", scheme="nf-x50-798"),
)

# The group of the mail room's clerks: they register letters stamped before today, so
# they hold the permission to record past instants (docs/trail.md).
MAIL_ROOM = "Mail room"
MAIL_ROOM_PERMISSIONS = ("core.record_past_instants",)
PARIS_FRONT = "paris-front"
METZ_FRONT = "metz-front"
BACK_OFFICE = "back-office"
# Each site's appeals service: its agents answer appeals only, never a level-1 case.
PARIS_APPEALS = "paris-appeals"
METZ_APPEALS = "metz-appeals"
FRAUD = "fraud"
POS_HOTLINE = "pos-hotline"
# Each site's fraud-victims team: a fraud victim's cases are routed there (T6.2).
PARIS_FRAUD_VICTIMS = "paris-fraud-victims"
METZ_FRAUD_VICTIMS = "metz-fraud-victims"

TEAMS = (
    TeamSpec(PARIS_FRONT, "Front office Paris", "paris", 8),
    TeamSpec(METZ_FRONT, "Front office Metz", "metz", 6),
    TeamSpec(BACK_OFFICE, "Back office (written requests)", "paris", 5),
    TeamSpec(PARIS_APPEALS, "Consumer service Paris (appeals)", "paris", 2, handles_appeals=True),
    TeamSpec(METZ_APPEALS, "Consumer service Metz (appeals)", "metz", 2, handles_appeals=True),
    TeamSpec(FRAUD, "Fraud and risk", "metz", 2),
    TeamSpec(POS_HOTLINE, "Distributor hotline", "metz", 3),
    TeamSpec(PARIS_FRAUD_VICTIMS, "Fraud victims Paris", "paris", 2, handles_fraud_victims=True),
    TeamSpec(METZ_FRAUD_VICTIMS, "Fraud victims Metz", "metz", 2, handles_fraud_victims=True),
)

MOTIVES = (
    MotiveSpec("plan-change", "Changement d'offre", "Plan change", False, 300),
    MotiveSpec("bill-explanation", "Explication de facture", "Bill explanation", True, 420),
    MotiveSpec("bill-dispute", "Contestation de facture", "Bill dispute", True, 600),
    MotiveSpec("sim-replacement", "Remplacement de carte SIM", "SIM replacement", False, 300),
    MotiveSpec("network-coverage", "Couverture réseau", "Network coverage", False, 360),
    MotiveSpec("roaming", "Itinérance à l'étranger", "Roaming abroad", False, 300),
    MotiveSpec("portability", "Portabilité du numéro", "Number portability", False, 360),
    MotiveSpec("after-sales", "Service après-vente", "After-sales service", False, 420),
    MotiveSpec("contract-acceptance", "Acceptation du contrat", "Contract acceptance", False, 480),
    MotiveSpec("stolen-phone", "Vol ou perte du mobile", "Stolen or lost phone", False, 300),
    MotiveSpec("options", "Options et services", "Options and services", False, 240),
    MotiveSpec("line-restoration", "Rétablissement de ligne", "Line restoration", False, 300),
    MotiveSpec("termination", "Résiliation", "Termination", False, 300),
)
MOTIVE_CODES = tuple(m.code for m in MOTIVES)

DEMO_USERS = (
    DemoUserSpec(
        "agent", Role.AGENT, "Camille", "Durand", (PARIS_FRONT, BACK_OFFICE), (MAIL_ROOM,)
    ),
    DemoUserSpec("appeals", Role.AGENT, "Sophie", "Girard", (PARIS_APPEALS,)),
    DemoUserSpec("supervisor", Role.SUPERVISOR, "Nadia", "Lefèvre"),
    DemoUserSpec("quality", Role.QUALITY_MANAGER, "Julien", "Moreau"),
    DemoUserSpec("auditor", Role.AUDITOR, "Hélène", "Garnier"),
    DemoUserSpec("admin", Role.ADMINISTRATOR, "Paul", "Roux"),
    DemoUserSpec("customer", Role.CUSTOMER, "Léa", "Martin"),
    DemoUserSpec("distributor", Role.DISTRIBUTOR, "Karim", "Benali"),
)

CHANNELS = (
    Channel.PHONE,
    Channel.EMAIL,
    Channel.WEB,
    Channel.LETTER,
    Channel.CHAT,
    Channel.DISTRIBUTOR_HOTLINE,
)
CHANNEL_SHARES = (0.55, 0.15, 0.15, 0.05, 0.07, 0.03)
#: Channels answered while the customer is on the line.
VOICE_CHANNELS = frozenset({Channel.PHONE, Channel.DISTRIBUTOR_HOTLINE, Channel.CHAT})

KINDS = (
    CaseKind.INFORMATION,
    CaseKind.REQUEST,
    CaseKind.COMPLAINT,
    CaseKind.BILL_DISPUTE,
    CaseKind.OPERATION,
    CaseKind.ACCEPTANCE,
)
# Contract-acceptance difficulties are not drawn as such: some contract-acceptance
# contacts (distributor hotline, web requests) become one (ACCEPTANCE_SHARE).
KIND_SHARES = (0.45, 0.30, 0.12, 0.06, 0.07, 0.0)
HOTLINE_KIND_SHARES = (0.5, 0.5, 0.0, 0.0, 0.0, 0.0)
ACCEPTANCE_SHARE = 0.6

#: For each kind, the motives it comes with and their weights.
MOTIVES_BY_KIND: dict[CaseKind, dict[str, float]] = {
    CaseKind.INFORMATION: {
        "plan-change": 0.20,
        "bill-explanation": 0.24,
        "network-coverage": 0.12,
        "roaming": 0.12,
        "portability": 0.08,
        "options": 0.16,
        "after-sales": 0.08,
    },
    CaseKind.REQUEST: {
        "plan-change": 0.22,
        "options": 0.20,
        "portability": 0.14,
        "termination": 0.10,
        "after-sales": 0.14,
        "contract-acceptance": 0.08,
        "roaming": 0.12,
    },
    CaseKind.COMPLAINT: {
        "network-coverage": 0.30,
        "after-sales": 0.28,
        "plan-change": 0.14,
        "portability": 0.14,
        "contract-acceptance": 0.06,
        "bill-explanation": 0.08,
    },
    CaseKind.BILL_DISPUTE: {"bill-dispute": 1.0},
    CaseKind.OPERATION: {"sim-replacement": 0.45, "stolen-phone": 0.25, "line-restoration": 0.30},
    CaseKind.ACCEPTANCE: {"contract-acceptance": 1.0},
}
HOTLINE_MOTIVES = {
    "contract-acceptance": 0.35,
    "plan-change": 0.30,
    "portability": 0.20,
    "options": 0.15,
}

#: Seasonality: relative volume per calendar month (January first).
MONTH_FACTORS = (1.30, 1.05, 1.00, 0.95, 0.90, 0.95, 0.85, 0.60, 1.30, 1.10, 1.00, 0.90)

#: Relative volume per weekday (Monday first) for each channel.
WEEKDAY_FACTORS: dict[Channel, tuple[float, ...]] = {
    Channel.PHONE: (1.15, 1.0, 1.0, 1.0, 0.95, 0.45, 0.0),
    Channel.EMAIL: (1.10, 1.0, 1.0, 1.0, 0.95, 0.45, 0.40),
    Channel.WEB: (1.10, 1.0, 1.0, 1.0, 0.95, 0.55, 0.50),
    Channel.LETTER: (1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0),
    Channel.CHAT: (1.10, 1.0, 1.0, 1.0, 0.95, 0.50, 0.0),
    Channel.DISTRIBUTOR_HOTLINE: (1.0, 1.0, 1.0, 1.0, 1.05, 0.90, 0.0),
}
#: Relative volume on a public holiday, per channel.
HOLIDAY_FACTORS: dict[Channel, float] = {
    Channel.PHONE: 0.25,
    Channel.EMAIL: 0.5,
    Channel.WEB: 0.6,
    Channel.LETTER: 0.0,
    Channel.CHAT: 0.25,
    Channel.DISTRIBUTOR_HOTLINE: 0.3,
}

_OFFICE = (0, 0, 0, 0, 0, 0, 0, 0, 6, 10, 11, 10, 7, 8, 10, 10, 9, 7, 3, 2, 0, 0, 0, 0)
_ONLINE = (1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 6, 8, 8, 8, 7, 7, 8, 8, 7, 6, 6, 6, 6, 5, 3, 2)
_MAIL_ROOM = (0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 10, 10, 4, 4, 8, 6, 3, 0, 0, 0, 0, 0, 0, 0)
#: Relative volume per local hour (0 to 23) for each channel: the phone closes at 20:00.
HOUR_PROFILES: dict[Channel, tuple[float, ...]] = {
    Channel.PHONE: _OFFICE,
    Channel.EMAIL: _ONLINE,
    Channel.WEB: _ONLINE,
    Channel.LETTER: _MAIL_ROOM,
    Channel.CHAT: _OFFICE,
    Channel.DISTRIBUTOR_HOTLINE: _OFFICE,
}

# Behaviour of the cases, as probabilities.
PROMISE_SHARE = 0.04  # a new committed deadline (of the cases with a clock)
PROMISE_TOO_LATE_SHARE = 0.2  # of the promises: told after the first deadline
LATE_SHARE = 0.045  # answered after the deadline (or still open past it)
HAND_OFF_SHARE = 0.08
ASSIGNED_OPEN_SHARE = 0.7  # open cases already taken by an agent
FRAUD_VICTIM_SHARE = 0.004
PROFESSIONAL_SHARE = 0.12
PREPAID_SHARE = 0.3  # of consumer accounts
CUSTOMERS_PER_CONTACT = 0.35
