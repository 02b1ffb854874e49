"""Channel routes: where a channel's new contacts land."""

from __future__ import annotations

import pytest
from django.utils import translation

from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.intake.errors import IntakeError
from pacte.intake.models import ChannelRoute
from pacte.intake.routing import route_for

pytestmark = pytest.mark.django_db


def test_the_channels_route_is_found(web_route: ChannelRoute, letter_route: ChannelRoute) -> None:
    assert route_for(Channel.WEB) == web_route
    assert route_for(Channel.LETTER).team.code == "back"


def test_a_channel_without_route_is_refused_with_a_reason(web_route: ChannelRoute) -> None:
    with translation.override("en"), pytest.raises(PacteError) as refused:
        route_for(Channel.LETTER)
    assert refused.value.code == IntakeError.NO_ROUTE
    assert "Letter" in refused.value.message
