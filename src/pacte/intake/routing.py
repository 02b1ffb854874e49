"""Where a channel's new contacts land: the administrator's channel routes."""

from __future__ import annotations

from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.intake.errors import IntakeError
from pacte.intake.models import ChannelRoute


def route_for(channel: Channel) -> ChannelRoute:
    """The route of ``channel`` (team, motive, kind); PacteError if none is configured."""
    route = ChannelRoute.objects.select_related("team__site", "motive").filter(channel=channel)
    found = route.first()
    if found is None:
        raise PacteError(
            IntakeError.NO_ROUTE,
            f"No route is configured for the {channel.label} channel "
            "(Administration → channel routes).",
        )
    return found
