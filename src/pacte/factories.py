"""Test factories (factory_boy) for the reference data and cases of every app."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import factory
from django.contrib.auth.hashers import make_password

from pacte.business_calendar.models import Calendar
from pacte.cases.models import Case, Motive, Site, Team
from pacte.cases.services import case_open
from pacte.commitments.models import Scheme
from pacte.core.instants import Stamp
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Account, BillingMode, Customer, Distributor, Line

PASSWORD = "pacte-test-password"  # noqa: S105
_HASHED: dict[str, str] = {}


def hashed_password() -> str:
    """One hash for every test user: hashing per user is the slowest part of a test."""
    if PASSWORD not in _HASHED:
        _HASHED[PASSWORD] = make_password(PASSWORD)
    return _HASHED[PASSWORD]


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    role = Role.AGENT
    password = factory.LazyFunction(hashed_password)


def default_calendar() -> Calendar:
    return Calendar.objects.get(code="FR")


def default_scheme() -> Scheme:
    return Scheme.objects.get(code="telecom-2004")


class SiteFactory(factory.django.DjangoModelFactory[Site]):
    class Meta:
        model = Site
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"site-{n}")
    name = factory.LazyAttribute(lambda s: f"Site {s.code}")
    calendar = factory.LazyFunction(default_calendar)
    scheme = factory.LazyFunction(default_scheme)


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team
        django_get_or_create = ("code",)

    site = factory.SubFactory(SiteFactory, code="paris")
    code = factory.Sequence(lambda n: f"team-{n}")
    name = factory.LazyAttribute(lambda t: f"Team {t.code}")


class MotiveFactory(factory.django.DjangoModelFactory[Motive]):
    class Meta:
        model = Motive
        django_get_or_create = ("code",)

    code = "offer-change"
    label_fr = "Changement d'offre"
    label_en = "Plan change"
    billing = False


class CustomerFactory(factory.django.DjangoModelFactory[Customer]):
    class Meta:
        model = Customer

    reference = factory.Sequence(lambda n: f"CU{n:08d}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda c: f"{c.reference.lower()}@example.test")
    phone = factory.Sequence(lambda n: f"+3361{n:07d}")


class DistributorFactory(factory.django.DjangoModelFactory[Distributor]):
    class Meta:
        model = Distributor

    code = factory.Sequence(lambda n: f"POS{n:04d}")
    name = factory.LazyAttribute(lambda d: f"Boutique {d.code}")


class AccountFactory(factory.django.DjangoModelFactory[Account]):
    class Meta:
        model = Account

    customer = factory.SubFactory(CustomerFactory)
    number = factory.Sequence(lambda n: f"AC{n:08d}")
    billing_mode = BillingMode.SUBSCRIPTION
    opened_on = factory.Faker("date_object")


class LineFactory(factory.django.DjangoModelFactory[Line]):
    class Meta:
        model = Line

    account = factory.SubFactory(AccountFactory)
    msisdn = factory.Sequence(lambda n: f"+3362{n:07d}")


def open_case(
    *,
    received_at: datetime,
    team: Team | None = None,
    customer: Customer | None = None,
    channel: Channel = Channel.EMAIL,
    kind: CaseKind = CaseKind.REQUEST,
    motive: Motive | None = None,
    **extra: Any,
) -> Case:
    """Open a case through the real service, with sensible defaults.

    Test data seeds a history: the case is received at ``received_at`` as if recorded
    then (the backdating rules themselves are tested through ``case_open``).
    """
    return case_open(
        customer=customer or CustomerFactory.create(),
        channel=channel,
        kind=kind,
        motive=motive or MotiveFactory.create(),
        subject=extra.pop("subject", "Question about my plan"),
        receipt=Stamp(at=received_at, recorded_at=received_at, late=False),
        team=team or TeamFactory.create(code="front"),
        **extra,
    )


def grant_past_instants(user: User) -> User:
    """Give ``user`` the integration's permission to record past instants (and forget
    the permission cache, so that the grant is seen at once)."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="core", codename="record_past_instants")
    )
    return User.objects.get(pk=user.pk)
