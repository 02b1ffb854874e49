"""Points of sale (distributors) and their staff: which shop a distributor user acts
for, which customers are the shop's, where their cases go, and the requests and
messages a shop files through the distributor pages (issue 12, section 5).

A customer is a shop's when one of the customer's accounts was opened through it
(``Account.distributor``); any other customer number is refused as unknown, so that a
shop cannot probe the customer base.
"""

from __future__ import annotations

from django.db import transaction

from pacte.cases.errors import CaseError
from pacte.cases.messages import case_customer_message
from pacte.cases.models import Case, CaseEvent, Motive, Team
from pacte.cases.services import case_open
from pacte.contracts.errors import ContractError
from pacte.core import clock
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Distributor
from pacte.intake.routing import route_for

# What a shop files besides contract-acceptance difficulties: subscription and
# modification requests (kind request, the motive says which).
SHOP_KINDS = (CaseKind.REQUEST,)


def shops_of(*, user: User) -> list[Distributor]:
    """The points of sale ``user`` works for, by code."""
    return list(Distributor.objects.filter(users=user).order_by("code"))


def shop_of(*, user: User, distributor: Distributor | None) -> Distributor:
    """The shop ``user`` acts for: ``distributor`` if it is one of theirs, else their only
    one; refused when it is not theirs, or when they have several and chose none."""
    shops = shops_of(user=user)
    if distributor is not None:
        if distributor.pk not in {shop.pk for shop in shops}:
            raise PacteError(ContractError.DISTRIBUTOR_NOT_YOURS, f"{distributor} is not yours.")
        return distributor
    if len(shops) != 1:
        raise PacteError(ContractError.DISTRIBUTOR_REQUIRED, "Choose your point of sale.")
    return shops[0]


def customer_of_shop(*, distributor: Distributor, reference: str) -> Customer:
    """The customer ``reference`` if one of their accounts was opened through
    ``distributor``; NotFoundError otherwise (unknown and not-theirs read the same)."""
    customer = (
        Customer.objects.filter(
            reference=reference.strip(), unidentified=False, accounts__distributor=distributor
        )
        .distinct()
        .first()
    )
    if customer is None:
        raise NotFoundError(ContractError.CUSTOMER_NOT_OF_SHOP, "No such customer for the shop.")
    return customer


def case_team() -> Team:
    """Where cases a shop raises land: the distributor hotline's route (the team that
    serves points of sale, T4.6), else the web route; PacteError (NO_ROUTE) if neither."""
    try:
        return route_for(Channel.DISTRIBUTOR_HOTLINE).team
    except PacteError:
        return route_for(Channel.WEB).team


@transaction.atomic
def shop_request_open(
    *,
    actor: User,
    distributor: Distributor | None,
    customer_reference: str,
    motive: Motive,
    subject: str,
    description: str,
) -> Case:
    """A shop's subscription or modification request for a customer of theirs: a case of
    kind request on the web channel (the portal), received now, for the hotline's team."""
    if not may(actor, Action.DISTRIBUTOR_CASE_OPEN):
        raise PacteError(ContractError.NOT_ALLOWED, "Your role may not do this.")
    shop = shop_of(user=actor, distributor=distributor)
    customer = customer_of_shop(distributor=shop, reference=customer_reference)
    if not subject.strip():
        raise PacteError(ContractError.SUBJECT_REQUIRED, "A request needs a subject.")
    return case_open(
        customer=customer,
        channel=Channel.WEB,
        kind=CaseKind.REQUEST,
        motive=motive,
        subject=subject,
        team=case_team(),
        description=description.strip(),
        actor=actor,
        distributor=shop,
    )


def shop_message(*, case: Case, actor: User, body: str) -> CaseEvent:
    """A shop's answer or added information on one of its cases: a follow-up message
    (CUSTOMER_MESSAGE, received now on the web) naming the shop and its author in its
    data. Like any follow-up it changes neither the status nor the clocks. A case of
    another shop is NotFoundError."""
    if not may(actor, Action.DISTRIBUTOR_CASE_MESSAGE):
        raise PacteError(ContractError.NOT_ALLOWED, "Your role may not do this.")
    if case.distributor_id not in {shop.pk for shop in shops_of(user=actor)}:
        raise NotFoundError(CaseError.NOT_FOUND, "No such case.")
    if not body.strip():
        raise PacteError(ContractError.MESSAGE_EMPTY, "A message needs a text.")
    shop = case.distributor
    return case_customer_message(
        case=case,
        at=clock.now(),
        channel=Channel.WEB,
        body=body.strip(),
        data={
            "from": "distributor",
            "distributor": shop.code if shop else "",
            "author": actor.pk,
            "author_name": str(actor),
        },
    )
