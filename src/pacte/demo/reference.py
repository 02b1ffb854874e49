"""The demo's reference data: sites, teams, motives and users, created or brought up to date.

Idempotent: every row is found by its code or username and updated, so running the
generator again (with ``--reset``) keeps primary keys and logins stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from pacte.business_calendar.models import Calendar
from pacte.cases.models import Motive, Site, Team
from pacte.commitments.models import Scheme
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.demo.catalogue import (
    DEMO_PASSWORD,
    DEMO_USERS,
    MAIL_ROOM,
    MAIL_ROOM_PERMISSIONS,
    MOTIVES,
    SITES,
    TEAMS,
    DemoUserSpec,
)
from pacte.demo.errors import DemoError
from pacte.demo.words import FIRST_NAMES, LAST_NAMES


@dataclass(frozen=True)
class Reference:
    """The rows the generated cases point to, in catalogue order."""

    sites: dict[str, Site]
    teams: list[Team]
    motives: list[Motive]
    agents: dict[str, list[User]]
    users: dict[str, User]

    def team_index(self, code: str) -> int:
        return next(i for i, team in enumerate(self.teams) if team.code == code)


@lru_cache(maxsize=1)
def _password_hash() -> str:
    """The demo password hashed once per process (hashing is deliberately slow)."""
    return make_password(DEMO_PASSWORD)


def reference_ensure() -> Reference:
    """Create or update the demo's sites, teams, motives, agents and one user per role."""
    password = _password_hash()
    sites = _sites()
    users = {spec.username: _user(spec, password) for spec in DEMO_USERS}
    teams: list[Team] = []
    agents: dict[str, list[User]] = {}
    for index, spec in enumerate(TEAMS):
        team, _ = Team.objects.update_or_create(
            code=spec.code,
            defaults={
                "site": sites[spec.site],
                "name": spec.name,
                "handles_appeals": spec.handles_appeals,
                "handles_fraud_victims": spec.handles_fraud_victims,
            },
        )
        demo = [users[u.username] for u in DEMO_USERS if spec.code in u.teams]
        members = demo + [_agent(team, index, k, password) for k in range(spec.agents)]
        team.members.set(members)
        teams.append(team)
        agents[team.code] = members
    motives = [
        Motive.objects.update_or_create(
            code=spec.code,
            defaults={
                "label_fr": spec.label_fr,
                "label_en": spec.label_en,
                "billing": spec.billing,
                "talk_time_target_seconds": spec.talk_time_target_seconds,
            },
        )[0]
        for spec in MOTIVES
    ]
    return Reference(sites=sites, teams=teams, motives=motives, agents=agents, users=users)


def _sites() -> dict[str, Site]:
    codes = {spec.scheme for spec in SITES}
    schemes = {s.code: s for s in Scheme.objects.filter(code__in=codes)}
    calendars = {c.code: c for c in Calendar.objects.filter(code__in=[s.calendar for s in SITES])}
    if len(schemes) < len(codes) or len(calendars) < len({s.calendar for s in SITES}):
        raise PacteError(
            DemoError.MISSING_REFERENCE,
            f"The schemes {', '.join(sorted(codes))} and the calendars FR and FR-AM are "
            "needed: run migrate.",
        )
    sites: dict[str, Site] = {}
    for spec in SITES:
        calendar = calendars[spec.calendar]
        sites[spec.code] = Site.objects.update_or_create(
            code=spec.code,
            defaults={"name": spec.name, "calendar": calendar, "scheme": schemes[spec.scheme]},
        )[0]
    return sites


def _user(spec: DemoUserSpec, password: str) -> User:
    administrator = spec.role == Role.ADMINISTRATOR
    user, _ = User.objects.update_or_create(
        username=spec.username,
        defaults={
            "role": spec.role,
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@demo.pacte.test",
            "password": password,
            "is_active": True,
            "is_staff": administrator,
            "is_superuser": administrator,
        },
    )
    user.groups.set([_group(name) for name in spec.groups])
    return user


def _group(name: str) -> Group:
    """A demo group with its permissions (the mail room's)."""
    group, _ = Group.objects.get_or_create(name=name)
    if name == MAIL_ROOM:
        for permission in MAIL_ROOM_PERMISSIONS:
            app_label, codename = permission.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


def _agent(team: Team, team_index: int, k: int, password: str) -> User:
    first = FIRST_NAMES[(team_index * 7 + k * 3) % len(FIRST_NAMES)]
    last = LAST_NAMES[(team_index * 11 + k * 5) % len(LAST_NAMES)]
    username = f"{team.code}-{k + 1}"
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "role": Role.AGENT,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.pacte.test",
            "password": password,
            "is_active": True,
        },
    )
    return user
