"""What another app makes of an email that follows up one of its cases.

The complaints app recognises an appeal written in reply to a complaint's answer and
files it as the appeal (level 2) instead of a message on the complaint. An app
registers a route when Django loads it (its ``AppConfig.ready``); the mail filing asks
the routes in turn, inside its transaction, before it records a follow-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pacte.cases.models import Case


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A message that follows up ``case``: its subject, its text, its receipt."""

    case: Case
    subject: str
    text: str
    received_at: datetime


# A route returns the case the message opened (it then belongs to that case), or None
# to leave it a follow-up of its case.
FollowUpRoute = Callable[[FollowUp], "Case | None"]

_ROUTES: list[FollowUpRoute] = []


def follow_up_route_register(route: FollowUpRoute) -> None:
    """Ask ``route`` about every follow-up (registering twice is a no-op)."""
    if route not in _ROUTES:
        _ROUTES.append(route)


def follow_up_routed(follow_up: FollowUp) -> Case | None:
    """The case the first route that takes the message opened, or None."""
    for route in _ROUTES:
        routed = route(follow_up)
        if routed is not None:
            return routed
    return None
