"""Serializers that parse the complaint chain's request bodies (never rendered)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import ChannelField


class AppealSerializer(serializers.Serializer[Any]):
    channel = ChannelField(
        required=False,
        help_text="How the appeal came (staff: a letter, an email…); a customer's own "
        "appeal is on the web channel whatever is given.",
    )
    body = serializers.CharField(help_text="Why the customer appeals the complaint's answer.")
