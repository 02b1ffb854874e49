"""Who may do what through the API, beyond what the case selectors already hide.

Reading is scoped by ``cases.selectors`` (a case you may not see is a 404). Writing
needs a role that writes cases; opening a case has its own rules, by kind of caller:

- integration: a user holding ``api.intake_cases`` (IVR/ACD, email gateway, web
  form, mail room) opens cases on any channel for any team;
- staff: agents open cases for their own teams, supervisors and administrators
  for any team, on any channel;
- customer: a customer user with a customer record opens cases for that record
  only, on the web channel, received now, routed to the web intake team.
"""

from __future__ import annotations

from enum import StrEnum

from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from pacte.api.common.errors import ApiError
from pacte.cases.models import Team
from pacte.core.errors import ForbiddenError
from pacte.core.models import User
from pacte.core.permissions import Action, may, require
from pacte.customers.selectors import customer_of_user


class CreateMode(StrEnum):
    INTEGRATION = "integration"
    STAFF = "staff"
    CUSTOMER = "customer"


def request_user(request: Request) -> User:
    """The authenticated Pacte user of ``request`` (views require authentication)."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user


def create_mode(*, user: User) -> CreateMode:
    """Which rules apply when ``user`` opens a case; ForbiddenError if none."""
    if may(user, Action.CASE_INTAKE):
        return CreateMode.INTEGRATION
    if may(user, Action.CASE_WRITE):
        return CreateMode.STAFF
    if may(user, Action.CASE_OPEN_OWN) and customer_of_user(user_id=user.pk) is not None:
        return CreateMode.CUSTOMER
    raise ForbiddenError(ApiError.CREATE_NOT_ALLOWED, "Your role may not open cases.")


def require_team_allowed(*, user: User, team: Team) -> None:
    """Writers who do not see every team (agents) open cases only for their own teams."""
    if not may(user, Action.CASE_READ_ALL) and not team.members.filter(pk=user.pk).exists():
        raise ForbiddenError(
            ApiError.TEAM_NOT_ALLOWED, f"You are not a member of team “{team.code}”."
        )


def require_case_writer(*, user: User) -> None:
    """Refuse a change to a case the user can see but only reads (auditor, customer…)."""
    refusal = ForbiddenError(ApiError.READ_ONLY, "Your role may read this case but not change it.")
    require(user, Action.CASE_WRITE, refusal)
