"""Open a case from an API request: pick the caller's rules, resolve the codes, call case_open.

The rules (see ``common.permissions``): integrations and staff give the channel, the team and
the customer, and the case is received now unless an integration allowed to record past
instants gives ``received_at`` (``pacte.core.instants``); a customer files a web case for
their own record through the portal form's service (``intake.web.web_case_file``: the same
kinds, the submission kept, received now, routed to the web channel's route, else the team
named by the ``PACTE_WEB_INTAKE_TEAM`` setting).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pacte.api.cases.inputs import CaseCreateSerializer
from pacte.api.common.errors import ApiError
from pacte.api.common.permissions import CreateMode, create_mode, require_team_allowed
from pacte.cases.bills import BillDetails
from pacte.cases.models import Case, Team
from pacte.cases.services import case_open
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.customers.selectors import customer_of_user
from pacte.intake.web import WebContact, web_case_file, web_team

# What only staff and integrations decide.
CUSTOMER_FORBIDDEN_FIELDS = (
    "received_at",
    "team",
    "distributor",
    "customer_email",
    "customer_phone",
)


def web_intake_team() -> Team:
    """The team that receives customers' web cases (read at call time)."""
    try:
        return web_team()
    except PacteError:
        raise ForbiddenError(
            ApiError.CUSTOMER_INTAKE_DISABLED,
            "Customers cannot open cases through the API here: no web intake team is set.",
        ) from None


def _check_customer_request(raw: Any, customer: Customer) -> None:
    if not isinstance(raw, Mapping):
        return  # the serializer refuses it
    for field in CUSTOMER_FORBIDDEN_FIELDS:
        if field in raw:
            raise ForbiddenError(ApiError.FIELD_NOT_ALLOWED, f"Customers may not set {field}.")
    if raw.get("channel", Channel.WEB) != Channel.WEB:
        raise ForbiddenError(
            ApiError.CHANNEL_NOT_ALLOWED, "Customers open cases on the web channel only."
        )
    reference = raw.get("customer_reference")
    if reference is not None and reference != customer.reference:
        raise ForbiddenError(
            ApiError.CUSTOMER_NOT_ALLOWED, "Customers open cases for their own record only."
        )


def _open_for_customer(*, user: User, raw: Any) -> Case:
    customer = customer_of_user(user_id=user.pk)
    if customer is None:  # create_mode() found it: the account was unlinked since
        raise ForbiddenError(ApiError.CREATE_NOT_ALLOWED, "Your role may not open cases.")
    _check_customer_request(raw, customer)
    web_intake_team()
    serializer = CaseCreateSerializer(data=raw, context={"customer": customer})
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    contact = WebContact(
        kind=CaseKind(data["kind"]),
        motive=data["motive"],
        subject=data["subject"],
        description=data["description"],
        bill=BillDetails.given(data),
    )
    case = web_case_file(user=user, contact=contact).case
    if case is None:  # web_case_file opens the case or raises
        raise RuntimeError("A filed web submission has no case.")
    return case


def case_create(*, user: User, raw: Any) -> Case:
    """Open the case described by the request body ``raw`` on behalf of ``user``.

    ForbiddenError (403) when the caller's rules refuse it, ValidationError (400) for a
    bad body, PacteError (400) when ``case_open`` refuses it; nothing is created then.
    """
    mode = create_mode(user=user)
    if mode is CreateMode.CUSTOMER:
        return _open_for_customer(user=user, raw=raw)
    serializer = CaseCreateSerializer(data=raw, context={"customer": None})
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    if mode is CreateMode.STAFF:
        require_team_allowed(user=user, team=data["team"])
    return case_open(
        customer=data["customer"],
        channel=Channel(data["channel"]),
        kind=CaseKind(data["kind"]),
        motive=data["motive"],
        subject=data["subject"],
        description=data["description"],
        received_at=data.get("received_at"),
        team=data["team"],
        actor=user,
        distributor=data.get("distributor"),
        bill=BillDetails.given(data),
    )
