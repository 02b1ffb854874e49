"""Request bodies of the contract-acceptance endpoints (T4.7; never rendered)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import ChannelField
from pacte.contracts.parties import ContractKind, Party
from pacte.core.vocabulary import Channel
from pacte.customers.models import Distributor


class AcceptanceRaiseSerializer(serializers.Serializer[Any]):
    customer_reference = serializers.CharField(max_length=32, help_text="The customer number.")
    distributor = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Distributor.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        error_messages={"does_not_exist": "Unknown distributor code “{value}”."},
        help_text="The point of sale's code. A distributor user may leave it out when "
        "they work for one shop only.",
    )
    contract_kind = serializers.ChoiceField(choices=ContractKind.choices)
    blocking = serializers.CharField(help_text="What blocks the final acceptance.")
    needed = serializers.CharField(help_text="What is needed to solve it.")
    channel = ChannelField(
        required=False,
        default=Channel.PHONE,
        help_text="How the difficulty came in (staff; a distributor's is always the portal).",
    )


class NoticeSerializer(serializers.Serializer[Any]):
    party = serializers.ChoiceField(choices=Party.choices)
    channel = ChannelField()
    body = serializers.CharField(help_text="What the party was told (what is needed).")


class NoticeImpossibleSerializer(serializers.Serializer[Any]):
    party = serializers.ChoiceField(choices=Party.choices)
    reason = serializers.CharField(help_text="Why the party cannot be told.")
