"""The mediator's endpoints' bodies: a referral, a recommendation, its application,
and the eligibility as the API renders it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import ChannelField
from pacte.complaints.eligibility import EligibilityCode


class ReferSerializer(serializers.Serializer[Any]):
    channel = ChannelField(
        required=False,
        help_text="How the referral came; a customer refers on the web channel (the default).",
    )
    body = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="What the customer wrote."
    )


class RecommendationSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(help_text="The mediator's recommendation.")
    accepted = serializers.BooleanField(help_text="Accepted: the 1-month clock to apply it starts.")


class AppliedSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(help_text="What was done to apply the recommendation.")


class EligibilitySerializer(serializers.Serializer[Any]):
    """Whether the case may be referred to the mediator now, from when, until when."""

    case = serializers.IntegerField(help_text="The complaint or appeal.")
    at = serializers.DateTimeField(help_text="The instant judged: the server's clock.")
    eligible = serializers.BooleanField()
    code = serializers.ChoiceField(choices=[code.value for code in EligibilityCode])
    reason = serializers.CharField()
    eligible_from = serializers.DateTimeField(allow_null=True)
    eligible_until = serializers.DateTimeField(allow_null=True)
    from_unknown = serializers.CharField(allow_null=True, help_text="Why eligible_from is null.")
    until_unknown = serializers.CharField(allow_null=True, help_text="Why eligible_until is null.")
    conditional = serializers.BooleanField(
        help_text="eligible_from holds only if the answer awaited does not come first."
    )


class ReferralSerializer(serializers.Serializer[Any]):
    """The referral recorded: the mediation case opened and the eligibility recorded."""

    referral = serializers.IntegerField(help_text="The mediation case's id.")
    reference = serializers.CharField()
    follows = serializers.IntegerField()
    team = serializers.CharField(help_text="The team's code.")
    eligible = serializers.BooleanField()
    eligibility = serializers.CharField(help_text="The eligibility's code (as in code).")
